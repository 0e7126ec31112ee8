import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { decodeEscPos, type DecodedEscPos } from './decode';

/**
 * A network receipt printer on 127.0.0.1 for trying printing without hardware: each TCP
 * connection is one job, as on a real port-9100 printer; when the sender closes, the job's bytes
 * are decoded and handed to `onJob` (and saved when `saveDir` is set).
 */
export interface PrinterSimOptions {
  /** 0 = any free port. */
  port: number;
  /** Where to save each job's raw bytes (created if missing); none when absent. */
  saveDir?: string;
  /** Columns for ESC a alignment in the decoded view. */
  columns?: number;
  onJob?: (job: PrintedJob) => void;
  /** A job that sends nothing for this long is taken as ended (default 30 s). */
  idleTimeoutMs?: number;
}

export interface PrintedJob {
  /** 1, 2, 3… in arrival order. */
  number: number;
  from: string;
  bytes: Uint8Array;
  decoded: DecodedEscPos;
  /** The file the raw bytes were saved to, when saving. */
  savedTo: string | undefined;
  /** Set when saving failed; the job is still decoded and shown. */
  saveError: string | undefined;
  /** The job was cut short at `MAX_JOB_BYTES`. */
  truncated: boolean;
}

export interface RunningPrinterSim {
  port: number;
  /** "tcp://127.0.0.1:9100" */
  url: string;
  jobs: PrintedJob[];
  /** Resolves with the next job to finish. */
  nextJob(): Promise<PrintedJob>;
  close(): Promise<void>;
}

/** A slip is a few kB; anything past this is not a slip and is not kept in memory. */
const MAX_JOB_BYTES = 4 * 1024 * 1024;

export async function startPrinterSim(options: PrinterSimOptions): Promise<RunningPrinterSim> {
  const jobs: PrintedJob[] = [];
  const waiters: Array<(job: PrintedJob) => void> = [];
  const sockets = new Set<net.Socket>();
  const pending = new Set<Promise<void>>();
  let counter = 0;
  // Job files from an earlier run in the same folder are kept: names carry the start time.
  const runStamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

  const finish = async (from: string, chunks: Buffer[], truncated: boolean): Promise<void> => {
    counter += 1;
    const number = counter;
    const bytes = new Uint8Array(Buffer.concat(chunks));
    let savedTo: string | undefined;
    let saveError: string | undefined;
    if (options.saveDir !== undefined) {
      const file = path.join(options.saveDir, `job-${runStamp}-${String(number).padStart(4, '0')}.bin`);
      try {
        await mkdir(options.saveDir, { recursive: true });
        await writeFile(file, bytes);
        savedTo = file;
      } catch (error) {
        saveError = (error as Error).message;
      }
    }
    const job: PrintedJob = {
      number,
      from,
      bytes,
      decoded: decodeEscPos(bytes, options.columns === undefined ? {} : { columns: options.columns }),
      savedTo,
      saveError,
      truncated,
    };
    jobs.push(job);
    options.onJob?.(job);
    for (const waiter of waiters.splice(0)) waiter(job);
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const from = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let done = false;
    const end = (): void => {
      if (done) return;
      done = true;
      sockets.delete(socket);
      socket.destroy();
      const work = finish(from, chunks, truncated);
      pending.add(work);
      void work.finally(() => pending.delete(work));
    };
    socket.setTimeout(options.idleTimeoutMs ?? 30_000, end);
    socket.on('data', (chunk: Buffer) => {
      if (size + chunk.length > MAX_JOB_BYTES) {
        truncated = true;
        chunks.push(chunk.subarray(0, MAX_JOB_BYTES - size));
        size = MAX_JOB_BYTES;
        end();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    socket.on('end', end);
    socket.on('error', end);
    socket.on('close', end);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `tcp://127.0.0.1:${port}`,
    jobs,
    nextJob: () => new Promise((resolve) => waiters.push(resolve)),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.end();
      await closed;
      await Promise.all(pending);
    },
  };
}

/** A job as the console shows it: a header, the slip's lines, a cut line per cut. */
export function formatJob(job: PrintedJob): string {
  const out = [`--- job ${job.number} from ${job.from}, ${job.bytes.byteLength} bytes ---`];
  if (!job.decoded.initialised) out.push('(no ESC @ initialise at the start)');
  if (job.decoded.slips.length === 0) out.push(...job.decoded.lines);
  for (const slip of job.decoded.slips.slice(0, job.decoded.cuts)) {
    out.push(...slip, '- - - - - - - - - - - - cut - - - - - - - - - - - -');
  }
  const tail = job.decoded.slips.slice(job.decoded.cuts).flat();
  if (tail.length > 0) out.push(...tail, '(no cut at the end)');
  if (job.decoded.unknown.length > 0) out.push(`(unknown commands: ${job.decoded.unknown.join(', ')})`);
  if (job.truncated) out.push(`(job cut short at ${MAX_JOB_BYTES} bytes)`);
  if (job.savedTo !== undefined) out.push(`(saved to ${job.savedTo})`);
  if (job.saveError !== undefined) out.push(`(not saved: ${job.saveError})`);
  return out.join('\n');
}
