import type { PrintAnswer, PrinterSettings, PrintFailureReason } from '@balance-desk/contract';
import {
  encodeEscPosSlip,
  renderSlipHtml,
  sendToNetworkPrinter,
  type BalanceSlip,
} from '@balance-desk/counter-output';
import type { Logger } from '../ports';
import type { SlipPrinter } from './slip-printer';

/** A printer on the shop's LAN answers a connection in well under a second; 3 s allows a waking one. */
const PRINT_CONNECT_TIMEOUT_MS = 3_000;
/** A slip is a few kB; a printer that takes longer than this to take it is stuck (paper jam, buffer full). */
const PRINT_WRITE_TIMEOUT_MS = 5_000;

export interface SlipDeliveryDeps {
  logger: Logger;
  /** OS printing (Electron); absent in the web preview and in plain Node. */
  slipPrinter?: SlipPrinter | undefined;
  /** Tests: shorter TCP limits. */
  timeouts?: { connectMs: number; writeMs: number };
}

export const failed = (reason: PrintFailureReason): PrintAnswer => ({ kind: 'failed', reason });

/** One slip to one printer: ESC/POS over TCP, or HTML through the OS. Never throws. */
export function deliverSlip(
  deps: SlipDeliveryDeps,
  slip: BalanceSlip,
  printer: PrinterSettings,
): Promise<PrintAnswer> {
  return printer.kind === 'escpos-tcp'
    ? sendToTcpPrinter(deps, slip, printer)
    : printOnSystemPrinter(deps, slip, printer);
}

async function sendToTcpPrinter(
  deps: SlipDeliveryDeps,
  slip: BalanceSlip,
  printer: Extract<PrinterSettings, { kind: 'escpos-tcp' }>,
): Promise<PrintAnswer> {
  const bytes = encodeEscPosSlip(slip, { paperWidthMm: printer.paperWidthMm });
  const sent = await sendToNetworkPrinter(bytes, {
    host: printer.host,
    port: printer.port,
    connectTimeoutMs: deps.timeouts?.connectMs ?? PRINT_CONNECT_TIMEOUT_MS,
    writeTimeoutMs: deps.timeouts?.writeMs ?? PRINT_WRITE_TIMEOUT_MS,
  });
  if (sent.ok) return { kind: 'printed', printer: 'escpos-tcp' };
  const { kind, code, phase } = sent.failure;
  deps.logger.warn('print: network printer failed', { kind, code, phase });
  if (kind === 'refused' || kind === 'timeout' || kind === 'unreachable') return failed(kind);
  return failed('unreachable');
}

async function printOnSystemPrinter(
  deps: SlipDeliveryDeps,
  slip: BalanceSlip,
  printer: Extract<PrinterSettings, { kind: 'system' }>,
): Promise<PrintAnswer> {
  if (!deps.slipPrinter) return failed('printer-unavailable');
  const { html } = renderSlipHtml(slip, { paperWidthMm: printer.paperWidthMm });
  try {
    const result = await deps.slipPrinter.print({
      html,
      deviceName: printer.deviceName,
      paperWidthMm: printer.paperWidthMm,
    });
    if (result.kind === 'printed') return { kind: 'printed', printer: 'system' };
    deps.logger.warn('print: system printer failed', { reason: result.reason, detail: result.detail });
    return failed(result.reason);
  } catch (error) {
    deps.logger.error('print: system printer threw', {
      error: error instanceof Error ? error.name : 'error',
    });
    return failed('print-failed');
  }
}
