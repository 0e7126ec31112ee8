import { promises as fs } from 'node:fs';

/** Read from the end of a day file this much at a time. */
const TAIL_CHUNK_BYTES = 64 * 1024;
/** At most this much of one day file is read for one answer (lines of junk cannot make it unbounded). */
const MAX_TAIL_BYTES = 4 * 1024 * 1024;

/** A crash mid-append left no final newline: start the next line on its own. */
export async function lineStart(file: string): Promise<string> {
  const handle = await fs.open(file, 'r').catch(() => undefined);
  if (!handle) return '';
  try {
    const { size } = await handle.stat();
    if (size === 0) return '';
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a ? '' : '\n';
  } finally {
    await handle.close();
  }
}

/** The newest `wanted` valid entries of one file, newest first, reading backwards from its end. */
export async function readTail<T>(
  file: string,
  wanted: number,
  parseLine: (line: string) => T | undefined,
  readStats?: { bytes: number },
): Promise<T[]> {
  const out: T[] = [];
  const handle = await fs.open(file, 'r').catch(() => undefined);
  if (!handle) return out;
  try {
    const { size } = await handle.stat();
    if (!Number.isFinite(size) || size <= 0) return out;
    let position = size;
    let carry = Buffer.alloc(0);
    let read = 0;
    while (position > 0 && out.length < wanted && read < MAX_TAIL_BYTES) {
      const length = Math.min(TAIL_CHUNK_BYTES, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      const { bytesRead } = await handle.read(chunk, 0, length, position);
      read += bytesRead;
      if (readStats) readStats.bytes += bytesRead;
      let data = Buffer.concat([chunk.subarray(0, bytesRead), carry]);
      // Everything after the first newline is whole lines; what precedes it may continue further back.
      let end = data.length;
      for (let i = data.length - 1; i >= 0 && out.length < wanted; i--) {
        if (data[i] !== 0x0a) continue;
        const entry = parseLine(data.subarray(i + 1, end).toString('utf8'));
        if (entry !== undefined) out.push(entry);
        end = i;
      }
      data = data.subarray(0, end);
      carry = Buffer.from(data);
    }
    if (position === 0 && out.length < wanted && carry.length > 0) {
      const entry = parseLine(carry.toString('utf8'));
      if (entry !== undefined) out.push(entry);
    }
    return out;
  } catch {
    return out; // a directory in its place, a file vanishing under us: read what we could
  } finally {
    await handle.close().catch(() => undefined);
  }
}
