import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { reportReachable, reportUnreachable } from '../live/connection.ts';
import { CONVERSATIONS_KEY } from './api.ts';

/**
 * Event types of GET /api/events/stream that change what the inbox or a conversation shows. The
 * stream is only a doorbell: on any of them the conversation queries refetch, so the console never
 * has to patch its cache from event payloads (and a missed event costs nothing but a refetch).
 */
const REFRESHING = /^(conversation|message|triage)\./;

/**
 * Keeps the inbox and conversation screens live while mounted. EventSource reconnects by itself
 * and sends Last-Event-ID, so the server resumes where the stream left off; while it is down the
 * connection banner shows, and on reopening everything refetches.
 */
export const useLiveConversations = (): void => {
  const qc = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/api/events/stream', { withCredentials: true });
    let pending: ReturnType<typeof setTimeout> | null = null;
    // A burst of events (a pipeline batch) becomes one refetch.
    const refresh = () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        void qc.invalidateQueries({ queryKey: CONVERSATIONS_KEY });
      }, 150);
    };
    // Refetch on every open, the first included: anything that happened between the page's first
    // fetch and the stream starting would otherwise be missed (the stream starts at the newest event).
    source.onopen = () => {
      // Tests (and the curious) can tell the live stream is connected.
      document.documentElement.dataset.live = 'open';
      reportReachable();
      refresh();
    };
    source.onerror = () => {
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
      if (REFRESHING.test(type)) refresh();
    };
    const types = [
      'conversation.created', 'conversation.message', 'conversation.updated', 'conversation.assigned', 'conversation.routed',
      'conversation.note_added', 'conversation.status_changed', 'message.queued', 'message.awaiting_approval', 'message.approved',
      'message.rejected', 'message.sent', 'message.retrying', 'message.failed', 'triage.correction',
    ];
    for (const t of types) source.addEventListener(t, onFrame);
    source.onmessage = onFrame;
    return () => {
      if (pending) clearTimeout(pending);
      source.close();
      delete document.documentElement.dataset.live;
    };
  }, [qc]);
};
