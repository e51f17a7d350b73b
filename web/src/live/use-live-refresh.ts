import { useEffect } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { reportReachable, reportUnreachable } from './connection.ts';

export interface LiveRefresh {
  /** Event types that change what the screen shows (GET /api/events/stream), listened to by name. */
  types: readonly string[];
  /** Any other type that also refreshes (e.g. every `conversation.*`), for unnamed frames. */
  match?: RegExp;
  /** The queries to refetch when one arrives. */
  queryKey: QueryKey;
  /** A burst of events (a pipeline batch) becomes one refetch after this long. */
  debounceMs?: number;
  /** Whether this stream reports the connection's state (banner, `data-live` for tests). */
  reportsConnection?: boolean;
  enabled?: boolean;
}

/**
 * Keeps a screen live. The event stream is only a doorbell: on an event of one of `types` the
 * screen's queries refetch, so the console never patches its cache from event payloads (a missed
 * event costs nothing but a refetch). EventSource reconnects by itself and sends Last-Event-ID, so
 * the server resumes where the stream left off; every open refetches too — anything between the
 * page's first fetch and the stream starting would otherwise be missed.
 */
export const useLiveRefresh = ({ types, match, queryKey, debounceMs = 150, reportsConnection = true, enabled = true }: LiveRefresh): void => {
  const qc = useQueryClient();
  const key = JSON.stringify(queryKey);
  const typeList = types.join(',');
  const pattern = match?.source ?? null;
  useEffect(() => {
    if (!enabled) return;
    const wanted = new Set(typeList.split(','));
    const matcher = pattern === null ? null : new RegExp(pattern);
    const source = new EventSource('/api/events/stream', { withCredentials: true });
    let pending: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        void qc.invalidateQueries({ queryKey: JSON.parse(key) as QueryKey });
      }, debounceMs);
    };
    source.onopen = () => {
      if (reportsConnection) {
        document.documentElement.dataset.live = 'open';
        reportReachable();
      }
      refresh();
    };
    source.onerror = () => {
      if (!reportsConnection) return;
      document.documentElement.dataset.live = 'down';
      reportUnreachable();
    };
    // The event's type is in its data (a LiveEvent); the frame may also be named after it, and named
    // frames do not reach onmessage, so both paths are listened to.
    const onFrame = (e: MessageEvent<string>) => {
      let type = e.type;
      try {
        type = (JSON.parse(e.data) as { type?: string }).type ?? type;
      } catch {
        // not JSON: keep the frame's name
      }
      if (wanted.has(type) || matcher?.test(type)) refresh();
    };
    for (const t of wanted) source.addEventListener(t, onFrame);
    source.onmessage = onFrame;
    return () => {
      if (pending) clearTimeout(pending);
      source.close();
      if (reportsConnection) delete document.documentElement.dataset.live;
    };
  }, [qc, key, typeList, pattern, debounceMs, reportsConnection, enabled]);
};
