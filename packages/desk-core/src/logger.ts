import type { Logger } from './ports';

export const noopLogger: Logger = { info() {}, warn() {}, error() {} };
