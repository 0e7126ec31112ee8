/**
 * What other workspaces import from counter-output: desk-core's print service (slips, ESC/POS, the
 * port-9100 sender, the HTML slip and its page size) and `demo:web`'s printer simulator. Export a
 * module's names here when an app or another package starts to import them.
 */
export { buildBalanceSlip, buildTestSlip, type BalanceSlip, type SlipBuild } from './slip';
export { encodeEscPosSlip } from './escpos';
export { renderSlipHtml, pageSizeMicrons, SLIP_HEIGHT_EXPRESSION } from './html';
export { sendToNetworkPrinter } from './tcp-sender';
export { decodeEscPos } from './decode';
export { startPrinterSim, formatJob, type RunningPrinterSim } from './printer-sim';
export { buildCustomerView } from './customer-view';
export { chooseDisplay, validateBounds, type DisplayInfo, type Rect } from './displays';
