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
  renderSlipHtml,
  type BalanceSlip,
  type SlipBuild,
} from '@balance-desk/counter-output';
import type { Logger, Settings } from '../ports';
import { SerialQueue } from '../storage/files/serial-queue';
import type { ShownResult } from './shown-result';
import { deliverSlip, failed, type SlipDeliveryDeps } from './slip-delivery';

/** The screen's idle clear runs on the renderer's clock; this much later the result counts as gone here too. */
const SCREEN_CLEAR_GRACE_MS = 3_000;

export interface PrintServiceDeps extends SlipDeliveryDeps {
  settings: { get(): Settings };
  /** The shop name and id shown in the status bar (demo shop in demo mode). */
  shop(): { name: string; id: string };
  shown: ShownResult;
  now: () => Date;
  terminalName: string;
  /** IANA zone for the slip's local time. */
  timeZone: string;
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

export function createPrintService(deps: PrintServiceDeps): PrintService {
  const { logger } = deps;
  // One job at a time: a port-9100 printer takes one connection, and two slips must not interleave.
  const queue = new SerialQueue();
  const printerNow = (): PrinterSettings | null =>
    deps.settings.get().printer ?? deps.demoPrinter?.() ?? null;
  const maxAgeMs = (): number => deps.settings.get().idleClearSeconds * 1000 + SCREEN_CLEAR_GRACE_MS;
  const onScreen = (): ReturnType<ShownResult['latest']> =>
    deps.shown.latest(deps.now().getTime(), maxAgeMs());
  const balanceSlip = (outcome: LookupOutcome): BalanceSlip | PrintFailureReason =>
    checkedSlip(
      logger,
      buildSlip(deps, (context) => buildBalanceSlip(outcome, context)),
    );

  return {
    printer: printerNow,
    printResult: (request) =>
      queue.run(async () => {
        const printer = printerNow();
        if (printer === null) return failed('not-configured');
        const outcome = onScreen();
        if (!outcome || !isResultOnScreen(outcome, request)) return failed('not-on-screen');
        const slip = balanceSlip(outcome);
        if (typeof slip === 'string') return failed(slip);
        const answer = await deliverSlip(deps, slip, printer);
        logger.info('print: slip', {
          card: maskCardForLog(outcome.cardId),
          printer: printer.kind,
          answer: answer.kind === 'printed' ? 'printed' : answer.reason,
        });
        return answer;
      }),

    testPrint: (draft) =>
      queue.run(async () => {
        const printer = draft === undefined ? printerNow() : draft;
        if (printer === null) return failed('not-configured');
        const slip = checkedSlip(logger, buildSlip(deps, buildTestSlip));
        if (typeof slip === 'string') return failed(slip);
        const answer = await deliverSlip(deps, slip, printer);
        logger.info('print: test slip', {
          printer: printer.kind,
          answer: answer.kind === 'printed' ? 'printed' : answer.reason,
        });
        return answer;
      }),

    listPrinters: () => listSystemPrinters(deps),

    currentSlipHtml(paperWidthMm) {
      const outcome = onScreen();
      if (!outcome) return { kind: 'none', reason: 'not-on-screen' };
      const slip = balanceSlip(outcome);
      if (typeof slip === 'string') return { kind: 'none', reason: 'nothing-to-print' };
      const width = paperWidthMm ?? printerNow()?.paperWidthMm ?? 80;
      return { kind: 'slip', html: renderSlipHtml(slip, { paperWidthMm: width }).html, paperWidthMm: width };
    },
  };
}

/**
 * Whether a print request names the result on screen: the same `at`, and the same request id when
 * both the request and the result carry one.
 */
function isResultOnScreen(
  outcome: NonNullable<ReturnType<ShownResult['latest']>>,
  { at, requestId }: { at: string; requestId?: string | undefined },
): boolean {
  const shownRequestId =
    outcome.kind === 'ok'
      ? outcome.requestId
      : outcome.kind === 'error'
        ? outcome.detail.requestId
        : undefined;
  return (
    outcome.at === at &&
    (requestId === undefined || shownRequestId === undefined || shownRequestId === requestId)
  );
}

/** A slip built for this terminal and shop, at this moment. */
function buildSlip(
  deps: PrintServiceDeps,
  build: (context: Parameters<typeof buildBalanceSlip>[1]) => SlipBuild,
): SlipBuild {
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

/** The slip, or why there is none: nothing to print (no balances), or a slip the builder refused. */
function checkedSlip(logger: Logger, build: SlipBuild): BalanceSlip | PrintFailureReason {
  if (build.kind === 'slip') return build.slip;
  if (build.reason === 'no-balances') return 'nothing-to-print';
  logger.warn('print: slip refused', { reason: build.reason, detail: build.detail });
  return 'invalid-slip';
}

async function listSystemPrinters(
  deps: SlipDeliveryDeps,
): Promise<Exclude<PrinterList, { kind: 'unauthorized' }>> {
  if (!deps.slipPrinter) return { kind: 'unavailable' };
  try {
    return { kind: 'printers', printers: (await deps.slipPrinter.listPrinters()).slice(0, 256) };
  } catch (error) {
    deps.logger.warn('print: listing printers failed', {
      error: error instanceof Error ? error.name : 'error',
    });
    return { kind: 'unavailable' };
  }
}
