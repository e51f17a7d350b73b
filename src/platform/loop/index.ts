/**
 * A background loop that runs `step` until stopped: straight away again while the step found work,
 * else after `idleMs` — or at once when woken (new work was committed). Errors are reported and the
 * loop goes on. Used by the pipeline runner and the outbox.
 */
export interface WorkLoop {
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

export const createWorkLoop = (step: () => Promise<number>, opts: { idleMs: number; onError: (err: unknown) => void }): WorkLoop => {
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  return {
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          let n = 0;
          try {
            n = await step();
          } catch (err) {
            opts.onError(err);
          }
          if (!n && running) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, opts.idleMs);
              wakeUp = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            wakeUp = null;
          }
        }
      })();
    },
    wake() {
      wakeUp?.();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
  };
};
