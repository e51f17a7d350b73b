import type { Config } from '../platform/config/index.ts';
import type { Database } from '../platform/db/index.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Logger } from '../platform/logger/index.ts';
import type { EventBus } from '../platform/events/index.ts';
import type { SecretBox } from '../platform/crypto/index.ts';

/** What every route and worker is given: built once at start-up, passed down, never global. */
export interface AppContext {
  config: Readonly<Config>;
  db: Database;
  clock: Clock;
  log: Logger;
  bus: EventBus;
  /** Seals channel credentials at rest. */
  box: SecretBox;
  /** Wakes the pipeline after raw items were committed (set by the workers; a no-op without them). */
  pipeline: { wake(): void };
}
