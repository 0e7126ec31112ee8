export * from './outcome';
export * from './settings';
export * from './status';
export * from './channels';
export * from './api';
export * from './audit';
export * from './model';
export * from './printing';
