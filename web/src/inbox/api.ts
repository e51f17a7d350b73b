import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelView, ConversationPatch, InboxCounts, InboxPage, InboxQueue, InboxRow, TagView } from '@contracts';
import { api, request } from '../api/client.ts';
import { inboxSearch, type InboxFilters } from './filters.ts';

/** Queries of the inbox. Every conversation query lives under ['conversations'] so one live event refreshes them all. */

export const CONVERSATIONS_KEY = ['conversations'] as const;

export { QUEUES, isQueue } from './filters.ts';

/** A queue, page after page (the API's keyset cursor); a live refetch reloads the pages already shown. */
export const useInbox = (queue: InboxQueue, filters: InboxFilters, q: string) =>
  useInfiniteQuery({
    queryKey: [...CONVERSATIONS_KEY, 'list', queue, filters, q],
    queryFn: ({ pageParam }) => api.get<InboxPage>(`/api/conversations?${inboxSearch(queue, filters, q, pageParam || undefined)}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // While a new search or filter loads, the rows of the same queue stay (no flicker); another queue's never do.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === queue ? previous : undefined),
  });

/** How many conversations each work queue holds, for the tabs; refreshed with every conversation query (live events). */
export const useInboxCounts = () =>
  useQuery({ queryKey: [...CONVERSATIONS_KEY, 'counts'], queryFn: () => api.get<InboxCounts>('/api/conversations/counts'), placeholderData: (previous) => previous });

/** The filter bar's choices; they rarely change while a page is open. */
export const useChannels = (enabled: boolean) =>
  useQuery({ queryKey: ['channels'], queryFn: () => api.get<ChannelView[]>('/api/channels'), staleTime: 60_000, enabled });
export const useTags = () => useQuery({ queryKey: ['tags'], queryFn: () => api.get<TagView[]>('/api/tags'), staleTime: 30_000 });

/** Changes made from the inbox to one or several rows; each refreshes every conversation query. */
const useInboxChange = <V>(fn: (v: V) => Promise<unknown>) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: CONVERSATIONS_KEY }), qc.invalidateQueries({ queryKey: ['tags'] })]);
    },
  });
};

/** The same change to several conversations; they go one after the other so the audit log reads in order. */
export const useUpdateConversations = () =>
  useInboxChange(async ({ ids, patch }: { ids: string[]; patch: ConversationPatch }) => {
    for (const id of ids) await api.patch(`/api/conversations/${id}`, patch);
  });

/** Adds a tag to each row, keeping the tags it has (the API sets the whole list by name). */
export const useAddTag = () =>
  useInboxChange(async ({ rows, tag }: { rows: InboxRow[]; tag: string }) => {
    for (const row of rows) {
      const names = row.tags.map((t) => t.name);
      if (!names.some((n) => n.toLowerCase() === tag.toLowerCase())) await request('PUT', `/api/conversations/${row.id}/tags`, { tags: [...names, tag] });
    }
  });

export const useAddNote = () => useInboxChange(({ id, text }: { id: string; text: string }) => api.post(`/api/conversations/${id}/notes`, { text }));

/** "This needed a response": moves a dismissed mention back to the inbox and teaches triage. */
export const useNeededResponse = () => useInboxChange((mentionId: string) => api.post(`/api/mentions/${mentionId}/needs-response`));
