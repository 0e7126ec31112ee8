import { describe, expect, it } from 'vitest';
import { isBlockedShortcut, type KeyInput } from './shortcuts';

type Mods = Partial<Pick<KeyInput, 'control' | 'meta' | 'alt' | 'shift'>>;
const key = (k: string, code: string, mods: Mods = {}): KeyInput => ({
  key: k,
  code,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});
const ctrl = { control: true };
const cmd = { meta: true };

describe('isBlockedShortcut (kiosk)', () => {
  it.each<[string, KeyInput]>([
    ['Ctrl+R reload', key('r', 'KeyR', ctrl)],
    ['Cmd+R reload', key('r', 'KeyR', cmd)],
    ['Ctrl+Shift+R hard reload', key('R', 'KeyR', { ...ctrl, shift: true })],
    ['F5 reload', key('F5', 'F5')],
    ['Ctrl+F5', key('F5', 'F5', ctrl)],
    ['BrowserRefresh key', key('BrowserRefresh', 'BrowserRefresh')],
    ['Ctrl+Shift+I devtools', key('I', 'KeyI', { ...ctrl, shift: true })],
    ['Ctrl+Shift+J console', key('J', 'KeyJ', { ...ctrl, shift: true })],
    ['Ctrl+Shift+C inspector', key('C', 'KeyC', { ...ctrl, shift: true })],
    ['Cmd+Alt+I devtools', key('i', 'KeyI', { ...cmd, alt: true })],
    ['F12 devtools', key('F12', 'F12')],
    ['Ctrl+W close', key('w', 'KeyW', ctrl)],
    ['Cmd+W close', key('w', 'KeyW', cmd)],
    ['Ctrl+F4 close', key('F4', 'F4', ctrl)],
    ['Ctrl+Q quit', key('q', 'KeyQ', ctrl)],
    ['Cmd+Q quit', key('q', 'KeyQ', cmd)],
    ['Alt+F4 close', key('F4', 'F4', { alt: true })],
    ['F11 full screen', key('F11', 'F11')],
    ['Ctrl+Cmd+F full screen (macOS)', key('f', 'KeyF', { ...ctrl, ...cmd })],
    ['Ctrl+= zoom in', key('=', 'Equal', ctrl)],
    ['Ctrl+Shift+= (Ctrl+plus) zoom in', key('+', 'Equal', { ...ctrl, shift: true })],
    ['Ctrl+numpad plus', key('+', 'NumpadAdd', ctrl)],
    ['Ctrl+- zoom out', key('-', 'Minus', ctrl)],
    ['Ctrl+numpad minus', key('-', 'NumpadSubtract', ctrl)],
    ['Ctrl+0 reset zoom', key('0', 'Digit0', ctrl)],
    ['Ctrl+P print', key('p', 'KeyP', ctrl)],
    ['Ctrl+S save', key('s', 'KeyS', ctrl)],
    ['Ctrl+O open', key('o', 'KeyO', ctrl)],
    ['Ctrl+U view source', key('u', 'KeyU', ctrl)],
    ['Ctrl+N new window', key('n', 'KeyN', ctrl)],
    ['Ctrl+T new tab', key('t', 'KeyT', ctrl)],
    ['Cmd+H hide (macOS)', key('h', 'KeyH', cmd)],
    ['Cmd+M minimize (macOS)', key('m', 'KeyM', cmd)],
    ['Alt+Left back', key('ArrowLeft', 'ArrowLeft', { alt: true })],
    ['Alt+Right forward', key('ArrowRight', 'ArrowRight', { alt: true })],
    ['Alt+Home', key('Home', 'Home', { alt: true })],
    ['BrowserBack key', key('BrowserBack', 'BrowserBack')],
    ['F7 caret browsing', key('F7', 'F7')],
    ['Ctrl+R under a Chinese IME (key "Process")', key('Process', 'KeyR', ctrl)],
    ['Ctrl+R on a Cyrillic layout (key "к")', key('к', 'KeyR', ctrl)],
  ])('blocks %s', (_name, input) => {
    expect(isBlockedShortcut(input)).toBe(true);
  });

  it.each<[string, KeyInput]>([
    ['a digit (scanner)', key('7', 'Digit7')],
    ['a numpad digit', key('7', 'Numpad7')],
    ['a letter (scanner)', key('a', 'KeyA')],
    ['Shift+letter (scanner upper case)', key('A', 'KeyA', { shift: true })],
    ['Enter (scanner terminator)', key('Enter', 'Enter')],
    ['numpad Enter', key('Enter', 'NumpadEnter')],
    ['Tab (scanner terminator)', key('Tab', 'Tab')],
    ['Shift+Tab', key('Tab', 'Tab', { shift: true })],
    ['Backspace', key('Backspace', 'Backspace')],
    ['Escape (clears the screen)', key('Escape', 'Escape')],
    ['Ctrl+C copy', key('c', 'KeyC', ctrl)],
    ['Ctrl+V paste', key('v', 'KeyV', ctrl)],
    ['Cmd+V paste', key('v', 'KeyV', cmd)],
    ['Ctrl+X cut', key('x', 'KeyX', ctrl)],
    ['Ctrl+A select all', key('a', 'KeyA', ctrl)],
    ['Ctrl+Z undo', key('z', 'KeyZ', ctrl)],
    ['Ctrl+Shift+Z redo', key('Z', 'KeyZ', { ...ctrl, shift: true })],
    ['Ctrl+Y redo', key('y', 'KeyY', ctrl)],
    ['a minus sign (typed)', key('-', 'Minus')],
    ['0 (typed)', key('0', 'Digit0')],
    ['Arrow keys', key('ArrowLeft', 'ArrowLeft')],
    ['F4 alone', key('F4', 'F4')],
    ['Shift alone', key('Shift', 'ShiftLeft', { shift: true })],
  ])('lets %s through', (_name, input) => {
    expect(isBlockedShortcut(input)).toBe(false);
  });
});
