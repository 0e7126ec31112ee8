/**
 * Which keys a kiosk swallows in `before-input-event` (docs/DEPLOYMENT.md): reload, devtools, close,
 * quit, full-screen toggle, zoom, print/save/open, history navigation. Editing keys (Ctrl+C/V/X/A/Z)
 * and everything a barcode scanner sends (digits, letters, Enter, Tab) pass. `preventDefault` in
 * `before-input-event` also stops menu accelerators, so this covers macOS's edit menu too.
 */

/** The fields of Electron's `Input` read here. */
export interface KeyInput {
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

const ALWAYS_BLOCKED = new Set([
  'f5', // reload
  'f7', // caret browsing prompt
  'f11', // full-screen toggle
  'f12', // devtools
  'browserrefresh',
  'browserback',
  'browserforward',
  'browserhome',
  'browsersearch',
  'browserfavorites',
  'browserstop',
]);

/** With Ctrl or Cmd: reload, close, quit, new window/tab, print, save, open, view source, hide, minimize, downloads. */
const PRIMARY_BLOCKED = new Set([
  'r',
  'w',
  'q',
  'n',
  't',
  'p',
  's',
  'o',
  'u',
  'h',
  'm',
  'j',
  'f4',
  '+',
  '=',
  '-',
  '_',
  '0',
]);
/** With Ctrl/Cmd+Shift (or Cmd+Alt on macOS): devtools and element picker. */
const DEVTOOLS_LETTERS = new Set(['i', 'j', 'c']);
const ZOOM_CODES = new Set(['NumpadAdd', 'NumpadSubtract', 'Numpad0', 'Equal', 'Minus', 'Digit0']);

/** A layout-independent key name: `KeyR` → `r` even under a Chinese IME or a Cyrillic layout. */
function keyName(input: KeyInput): string {
  const letter = /^Key([A-Z])$/.exec(input.code ?? '');
  if (letter?.[1] !== undefined) return letter[1].toLowerCase();
  return input.key.toLowerCase();
}

export function isBlockedShortcut(input: KeyInput): boolean {
  const key = keyName(input);
  if (ALWAYS_BLOCKED.has(key)) return true;
  if (input.alt && (key === 'f4' || key === 'arrowleft' || key === 'arrowright' || key === 'home'))
    return true;

  const primary = input.control || input.meta;
  if (!primary) return false;
  if ((input.shift || input.alt) && DEVTOOLS_LETTERS.has(key)) return true;
  if (input.control && input.meta && key === 'f') return true; // macOS full-screen toggle
  if (PRIMARY_BLOCKED.has(key)) return true;
  return ZOOM_CODES.has(input.code ?? '');
}
