/**
 * Balance slips, main-side (docs/PRINTING.md): the slip is built here from the answer main gave,
 * never from anything the renderer sends, and goes to the configured printer — ESC/POS over TCP
 * for a network printer, an HTML document through the `SlipPrinter` port for an OS printer.
 * Never throws: every answer is a `PrintAnswer`.
 */
import {
  maskCardForLog,
  type LookupOutcome,
  type PrintAnswer,
  type PrinterList,
  type PrinterSettings,
  type PrintFailureReason,
} from '@balance-desk/contract';
import {
  buildBalanceSlip,
  buildTestSlip,
  encodeEscPosSlip,
  renderSlipHtml,
  sendToNetworkPrinter,
  type BalanceSlip,
  type SlipBuild,
} from '@balance-desk/counter-output';
import type { Logger, Settings } from '../ports';
import type { ShownResult } from './shown-result';
import type { SlipPrinter } from './slip-printer';

/** A printer on the shop's LAN answers a connection in well under a second; 3 s allows a waking one. */
const PRINT_CONNECT_TIMEOUT_MS = 3_000;
/** A slip is a few kB; a printer that takes longer than this to take it is stuck (paper jam, buffer full). */
const PRINT_WRITE_TIMEOUT_MS = 5_000;
/** The screen's idle clear runs on the renderer's clock; this much later the result counts as gone here too. */
const SCREEN_CLEAR_GRACE_MS = 3_000;

export interface PrintServiceDeps {
  settings: { get(): Settings };
  /** The shop name and id shown in the status bar (demo shop in demo mode). */
  shop(): { name: string; id: string };
  shown: ShownResult;
  logger: Logger;
  now: () => Date;
  terminalName: string;
  /** IANA zone for the slip's local time. */
  timeZone: string;
  /** OS printing (Electron); absent in the web preview and in plain Node. */
  slipPrinter?: SlipPrinter | undefined;
  /** Tests: shorter TCP limits. */
  timeouts?: { connectMs: number; writeMs: number };
  /** The demo printer (the web preview's simulator): used while no printer is set. */
  demoPrinter?: (() => PrinterSettings | null) | undefined;
}

export interface SlipPreview {
  kind: 'slip';
  html: string;
  paperWidthMm: 58 | 80;
}

export interface PrintService {
  /** The printer slips go to: the saved one, else the demo printer, else null (no Print button). */
  printer(): PrinterSettings | null;
  /** Prints the result on screen, named by its `at` (and request id); refuses any other. */
  printResult(request: { at: string; requestId?: string | undefined }): Promise<PrintAnswer>;
  /** A sample slip to `printer` (a draft from the form) or the saved one. */
  testPrint(printer?: PrinterSettings | null): Promise<PrintAnswer>;
  listPrinters(): Promise<Exclude<PrinterList, { kind: 'unauthorized' }>>;
  /** The HTML slip of the result on screen (web preview `/slip`), or why there is none. */
  currentSlipHtml(
    paperWidthMm?: 58 | 80,
  ): SlipPreview | { kind: 'none'; reason: 'not-on-screen' | 'nothing-to-print' };
}

const failed = (reason: PrintFailureReason): PrintAnswer => ({ kind: 'failed', reason });

export function createPrintService(deps: PrintServiceDeps): PrintService {
  const { logger } = deps;
  // One job at a time: a port-9100 printer takes one connection, and two slips must not interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  const printerNow = (): PrinterSettings | null =>
    deps.settings.get().printer ?? deps.demoPrinter?.() ?? null;
  const maxAgeMs = (): number => deps.settings.get().idleClearSeconds * 1000 + SCREEN_CLEAR_GRACE_MS;
  const onScreen = (): ReturnType<ShownResult['latest']> =>
    deps.shown.latest(deps.now().getTime(), maxAgeMs());

  function slipFor(build: (context: Parameters<typeof buildBalanceSlip>[1]) => SlipBuild): SlipBuild {
    const shop = deps.shop();
    return build({
      storeName: shop.name,
      shopId: shop.id,
      terminalName: deps.terminalName,
      locale: deps.settings.get().locale,
      now: deps.now(),
      timeZone: deps.timeZone,
    });
  }

  async function send(slip: BalanceSlip, printer: PrinterSettings): Promise<PrintAnswer> {
    if (printer.kind === 'escpos-tcp') {
      const bytes = encodeEscPosSlip(slip, { paperWidthMm: printer.paperWidthMm });
      const sent = await sendToNetworkPrinter(bytes, {
        host: printer.host,
        port: printer.port,
        connectTimeoutMs: deps.timeouts?.connectMs ?? PRINT_CONNECT_TIMEOUT_MS,
        writeTimeoutMs: deps.timeouts?.writeMs ?? PRINT_WRITE_TIMEOUT_MS,
      });
      if (sent.ok) return { kind: 'printed', printer: 'escpos-tcp' };
      const { kind, code, phase } = sent.failure;
      logger.warn('print: network printer failed', { kind, code, phase });
      if (kind === 'refused' || kind === 'timeout' || kind === 'unreachable') return failed(kind);
      return failed('unreachable');
    }
    if (!deps.slipPrinter) return failed('printer-unavailable');
    const { html } = renderSlipHtml(slip, { paperWidthMm: printer.paperWidthMm });
    try {
      const result = await deps.slipPrinter.print({
        html,
        deviceName: printer.deviceName,
        paperWidthMm: printer.paperWidthMm,
      });
      if (result.kind === 'printed') return { kind: 'printed', printer: 'system' };
      logger.warn('print: system printer failed', { reason: result.reason, detail: result.detail });
      return failed(result.reason);
    } catch (error) {
      logger.error('print: system printer threw', { error: error instanceof Error ? error.name : 'error' });
      return failed('print-failed');
    }
  }

  function fromBuild(build: SlipBuild): BalanceSlip | PrintFailureReason {
    if (build.kind === 'slip') return build.slip;
    if (build.reason === 'no-balances') return 'nothing-to-print';
    logger.warn('print: slip refused', { reason: build.reason, detail: build.detail });
    return 'invalid-slip';
  }

  return {
    printer: printerNow,
    printResult: ({ at, requestId }) =>
      serial(async () => {
        const printer = printerNow();
        if (printer === null) return failed('not-configured');
        const outcome: LookupOutcome | undefined = onScreen();
        const requestOf = (o: LookupOutcome): string | undefined =>
          o.kind === 'ok' ? o.requestId : o.kind === 'error' ? o.detail.requestId : undefined;
        if (
          !outcome ||
          outcome.at !== at ||
          (requestId !== undefined && requestOf(outcome) !== undefined && requestOf(outcome) !== requestId)
        )
          return failed('not-on-screen');
        const slip = fromBuild(slipFor((context) => buildBalanceSlip(outcome, context)));
        if (typeof slip === 'string') return failed(slip);
        const answer = await send(slip, printer);
        logger.info('print: slip', {
          card: maskCardForLog(outcome.cardId),
          printer: printer.kind,
          answer: answer.kind === 'printed' ? 'printed' : answer.reason,
        });
        return answer;
      }),

    testPrint: (draft) =>
      serial(async () => {
        const printer = draft === undefined ? printerNow() : draft;
        if (printer === null) return failed('not-configured');
        const slip = fromBuild(slipFor(buildTestSlip));
        if (typeof slip === 'string') return failed(slip);
        const answer = await send(slip, printer);
        logger.info('print: test slip', {
          printer: printer.kind,
          answer: answer.kind === 'printed' ? 'printed' : answer.reason,
        });
        return answer;
      }),

    async listPrinters() {
      if (!deps.slipPrinter) return { kind: 'unavailable' };
      try {
        return { kind: 'printers', printers: (await deps.slipPrinter.listPrinters()).slice(0, 256) };
      } catch (error) {
        logger.warn('print: listing printers failed', {
          error: error instanceof Error ? error.name : 'error',
        });
        return { kind: 'unavailable' };
      }
    },

    currentSlipHtml(paperWidthMm) {
      const outcome = onScreen();
      if (!outcome) return { kind: 'none', reason: 'not-on-screen' };
      const slip = fromBuild(slipFor((context) => buildBalanceSlip(outcome, context)));
      if (typeof slip === 'string') return { kind: 'none', reason: 'nothing-to-print' };
      const width = paperWidthMm ?? printerNow()?.paperWidthMm ?? 80;
      return { kind: 'slip', html: renderSlipHtml(slip, { paperWidthMm: width }).html, paperWidthMm: width };
    },
  };
}
