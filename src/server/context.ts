import type { Config } from '../platform/config/index.ts';
import type { Database } from '../platform/db/index.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Logger } from '../platform/logger/index.ts';
import type { EventBus } from '../platform/events/index.ts';

/** What every route and worker is given: built once at start-up, passed down, never global. */
export interface AppContext {
  config: Readonly<Config>;
  db: Database;
  clock: Clock;
  log: Logger;
  bus: EventBus;
}
