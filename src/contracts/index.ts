export * from './common.ts';
export * from './access.ts';
export * from './channels.ts';
export * from './routing.ts';
export * from './customers.ts';
export * from './conversations.ts';
export * from './classifiers.ts';
