/**
 * The live side of web chat: every message of a visitor's conversation (theirs, echoed so a second
 * tab stays in sync, and the agent's replies) is published here, and every open stream of that
 * visitor receives it. The hub carries only the live signal; the database stays the record, so a
 * stream that was away catches up from the history (`visitorHistory`) and nothing depends on the
 * hub having kept anything.
 *
 * On one machine the server and the outbox worker share a process, and `LocalWebchatHub` is enough.
 * Across machines a NATS implementation of the same two methods replaces it: `publish` sends to
 * the subject `lookout.webchat.<channelId>.<sha256(visitorKey)>` and `subscribe` listens on it;
 * callers do not change.
 */
export interface WebchatEvent {
  /** Stable per message: `webchat:<clientMessageId>` for the visitor's, `webchat-out:<outbox id>` for the agent's. */
  id: string;
  from: 'visitor' | 'agent';
  text: string;
  /** When it became visible, in epoch ms: the stream's resume cursor (SSE `id`). */
  at: number;
}

export interface VisitorAddress {
  channelId: string;
  /** `visitor:<visitorId>` or `user:<userId>` (see identity.ts). */
  visitorKey: string;
}

export interface WebchatHub {
  /** Delivers to every stream open for this visitor; resolves once handed over (not once read). */
  publish(to: VisitorAddress, event: WebchatEvent): Promise<void>;
  /** Listens for one visitor's events; returns the function that stops listening. */
  subscribe(to: VisitorAddress, listener: (event: WebchatEvent) => void): () => void;
}

const addressKey = (a: VisitorAddress) => `${a.channelId}\u0000${a.visitorKey}`;

/** In-process fan-out: a map from visitor to listeners, emptied as streams close. */
export class LocalWebchatHub implements WebchatHub {
  private readonly listeners = new Map<string, Set<(event: WebchatEvent) => void>>();

  async publish(to: VisitorAddress, event: WebchatEvent): Promise<void> {
    for (const listener of [...(this.listeners.get(addressKey(to)) ?? [])]) {
      try {
        listener(event);
      } catch {
        // One broken stream must not stop the others; the stream's own close handler cleans it up.
      }
    }
  }

  subscribe(to: VisitorAddress, listener: (event: WebchatEvent) => void): () => void {
    const key = addressKey(to);
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size && this.listeners.get(key) === set) this.listeners.delete(key);
    };
  }

  /** Open streams for one visitor (to cap tabs) and in all (for tests and metrics). */
  listenerCount(to?: VisitorAddress): number {
    if (to) return this.listeners.get(addressKey(to))?.size ?? 0;
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
}

/** The process's hub: the server's streams and the outbox's sends meet here. */
export const webchatHub = new LocalWebchatHub();
