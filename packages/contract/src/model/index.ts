/**
 * `@balance-desk/contract/model`: the part of the contract that is plain data and pure functions,
 * with no zod and no Node, so the renderer may bundle it at run time. The zod schemas (the package
 * index) are built from these lists; main and desk-core import both from the index.
 * Files in this folder import only each other (eslint.config.mjs).
 */
export * from './codes';
export * from './card';
export * from './gateway';
export * from './pin';
export * from './scanner';
