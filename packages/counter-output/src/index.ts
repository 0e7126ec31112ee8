export { buildBalanceSlip, buildTestSlip, formatLocalDateTime } from './slip';
export type {
  BalanceSlip,
  SlipAccount,
  SlipAmount,
  SlipBuild,
  SlipContext,
  SlipPart,
  SlipRefusalReason,
} from './slip';
export { columnsFor, type PaperWidthMm } from './columns';
export { encodeEscPosSlip, type EscPosOptions } from './escpos';
export { decodeEscPos, type DecodedEscPos, type DecodeOptions } from './decode';
export {
  sendToNetworkPrinter,
  type NetworkPrinterTarget,
  type PrintFailure,
  type PrintFailureKind,
  type PrintSendResult,
} from './tcp-sender';
export {
  startPrinterSim,
  formatJob,
  type PrintedJob,
  type PrinterSimOptions,
  type RunningPrinterSim,
} from './printer-sim';
export {
  renderSlipHtml,
  pageSizeMicrons,
  SLIP_HEIGHT_EXPRESSION,
  type SlipHtml,
  type SlipHtmlOptions,
} from './html';
export {
  buildCustomerView,
  type CustomerAccountView,
  type CustomerView,
  type CustomerViewOptions,
} from './customer-view';
export { chooseDisplay, validateBounds, type DisplayInfo, type Rect } from './displays';
export { formatFen, toFen } from './money';
export { maskCardLast4 } from './mask';
