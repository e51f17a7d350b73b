import { useQuery } from '@tanstack/react-query';
import type { InboxPage, InboxQueue } from '@contracts';
import { api } from '../api/client.ts';

/** Queries of the inbox. Every conversation query lives under ['conversations'] so one live event refreshes them all. */

export const CONVERSATIONS_KEY = ['conversations'] as const;

export const QUEUES: { value: InboxQueue; label: string }[] = [
  { value: 'needs_response', label: 'Needs response' },
  { value: 'mine', label: 'Mine' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'waiting', label: 'Waiting' },
  { value: 'dismissed', label: 'Dismissed' },
  { value: 'all', label: 'All' },
];

export const isQueue = (v: string | null): v is InboxQueue => QUEUES.some((q) => q.value === v);

export const useInbox = (queue: InboxQueue, q: string) =>
  useQuery({
    queryKey: [...CONVERSATIONS_KEY, 'list', queue, q],
    queryFn: () => {
      const params = new URLSearchParams({ queue, limit: '50' });
      if (q) params.set('q', q);
      return api.get<InboxPage>(`/api/conversations?${params}`);
    },
    placeholderData: (previous) => previous,
  });
