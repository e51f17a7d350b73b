export * from './common.ts';
export * from './access.ts';
export * from './channels.ts';
