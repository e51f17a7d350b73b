export * from './_common.ts';
export * from './access.ts';
export * from './channels.ts';
export * from './customers.ts';
export * from './conversations.ts';
export * from './routing.ts';
export * from './platform.ts';
export * from './triage.ts';
