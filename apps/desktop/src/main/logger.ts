/**
 * Main's log: JSON lines in `userData/logs/main-YYYY-MM-DD.log` (local date), rolled to
 * `….1.log`, `….2.log` past `maxBytes`, oldest files deleted beyond `maxFiles`. Writes are
 * synchronous on purpose: the line before a crash is the one support needs, and main logs little.
 * Never a secret: fields whose name smells of one are replaced, long values are cut.
 */
import fs from 'node:fs';
import path from 'node:path';
import { localDay, type Logger } from '@balance-desk/desk-core';

const SECRET_FIELD = /secret|session|sign|token|pin|passw|authori[sz]ation|cookie|cipher|credential/i;
const MAX_VALUE_CHARS = 500;
const FILE_RE = /^main-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.log$/;

export interface FileLoggerOptions {
  dir: string;
  /** Default 1 MiB. */
  maxBytes?: number;
  /** Files kept in `dir`, current one included. Default 20. */
  maxFiles?: number;
  now?: () => Date;
  /** Also print to stderr (development). */
  echo?: boolean;
}

export interface FileLogger extends Logger {
  /** The file currently written to. */
  readonly file: string;
}

function clean(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: clean(value.message) };
  if (typeof value === 'string')
    return value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return value;
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.slice(0, 20).map(clean);
  if (typeof value === 'object') return redact(value as Record<string, unknown>);
  // What is left is a symbol or a function.
  return typeof value === 'symbol' || typeof value === 'function' ? String(value) : typeof value;
}

/** Exported for tests: the field filter every line goes through. */
export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    out[key] = SECRET_FIELD.test(key) ? '[redacted]' : clean(value);
  return out;
}

export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const maxFiles = options.maxFiles ?? 20;
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(options.dir, { recursive: true });

  let day = '';
  let file = '';
  let size = 0;
  /** Set when a new file starts; pruning waits until it exists, so it counts as the newest. */
  let pruneDue = true;

  const logFiles = () => fs.readdirSync(options.dir).filter((name) => FILE_RE.test(name));

  function prune(): void {
    const byAge = logFiles()
      .map((name) => ({ name, mtime: fs.statSync(path.join(options.dir, name)).mtimeMs }))
      .sort((a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name));
    for (const old of byAge.slice(0, Math.max(0, byAge.length - maxFiles)))
      fs.rmSync(path.join(options.dir, old.name), { force: true });
  }

  function open(today: string): void {
    day = today;
    file = path.join(options.dir, `main-${today}.log`);
    size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  }

  function roll(): void {
    const taken = logFiles()
      .map((name) => FILE_RE.exec(name))
      .filter((m) => m?.[1] === day && m[2] !== undefined)
      .map((m) => Number(m?.[2]));
    const next = Math.max(0, ...taken) + 1;
    fs.renameSync(file, path.join(options.dir, `main-${day}.${next}.log`));
    size = 0;
    pruneDue = true;
  }

  function write(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void {
    const at = now();
    const line = `${JSON.stringify({ t: at.toISOString(), level, msg: clean(message), ...(fields ? redact(fields) : {}) })}\n`;
    try {
      const today = localDay(at);
      if (today !== day) {
        open(today);
        pruneDue = true;
      }
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) roll();
      fs.appendFileSync(file, line);
      size += bytes;
      if (pruneDue) {
        pruneDue = false;
        prune();
      }
    } catch {
      // A full or read-only disk must not take the cashier screen down with it.
    }
    if (options.echo === true) process.stderr.write(line);
  }

  open(localDay(now()));

  return {
    get file() {
      return file;
    },
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
