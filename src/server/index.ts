export { buildApp } from './app.ts';
export type { AppContext } from './context.ts';
export { startServer, type RunningServer } from './start-server.ts';
