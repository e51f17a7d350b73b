import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConversationDetailView, ConversationPatch, MessageView } from '@contracts';
import { ApiError, api, fieldNameOf } from '../api/client.ts';
import { useSignedIn } from '../api/session.ts';
import { reportReachable, reportUnreachable } from '../live/connection.ts';
import { CONVERSATIONS_KEY } from '../inbox/index.ts';

/** Queries and mutations of one conversation; every change refreshes the inbox too. */

export interface ChannelKind {
  kind: string;
  maxLength: number | null;
  canThread: boolean;
  hasPrivateMessages: boolean;
  canSend: boolean;
}

export const detailKey = (id: string) => [...CONVERSATIONS_KEY, 'detail', id] as const;

export const useConversation = (id: string) => useQuery({ queryKey: detailKey(id), queryFn: () => api.get<ConversationDetailView>(`/api/conversations/${id}`) });

/** Length limits per channel kind: they never change while the server runs. */
export const useChannelKinds = () => useQuery({ queryKey: ['channel-kinds'], queryFn: () => api.get<ChannelKind[]>('/api/channel-kinds'), staleTime: Infinity });

const useRefreshing = <V, R>(id: string, fn: (v: V) => Promise<R>) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (data) => {
      if (data && typeof data === 'object' && 'timeline' in data) qc.setQueryData(detailKey(id), data);
      await qc.invalidateQueries({ queryKey: CONVERSATIONS_KEY });
    },
  });
};

export const useUpdateConversation = (id: string) => useRefreshing(id, (patch: ConversationPatch) => api.patch<ConversationDetailView>(`/api/conversations/${id}`, patch));

export const useAddNote = (id: string) => useRefreshing(id, (text: string) => api.post<MessageView>(`/api/conversations/${id}/notes`, { text }));

export const useRetryMessage = (id: string) => useRefreshing(id, (messageId: string) => api.post<MessageView>(`/api/messages/${messageId}/retry`));

/**
 * Replies carry an Idempotency-Key (the shared client sends no custom headers, hence this one
 * request): the composer keeps one key per draft, so a retry after a lost answer returns the
 * reply already queued instead of posting it twice.
 */
const postReply = async (id: string, csrfToken: string, body: { text: string; visibility: 'public' | 'private' }, key: string): Promise<MessageView> => {
  let res: Response;
  try {
    res = await fetch(`/api/conversations/${id}/replies`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrfToken, 'idempotency-key': key },
      body: JSON.stringify(body),
    });
  } catch {
    reportUnreachable();
    throw new Error('Lookout cannot be reached; your reply was kept, send it again when the connection is back.');
  }
  reportReachable();
  if (res.ok) return (await res.json()) as MessageView;
  const p = (await res.json().catch(() => ({}))) as { code?: string; detail?: string; title?: string; errors?: { path: string; message: string }[] };
  const fields: Record<string, string> = {};
  for (const e of p.errors ?? []) fields[fieldNameOf(e.path)] ??= e.message;
  throw new ApiError(res.status, p.code ?? 'UNKNOWN', p.detail ?? p.title ?? `Request failed (${res.status})`, fields);
};

export const useSendReply = (id: string) => {
  const { csrfToken } = useSignedIn();
  return useRefreshing(id, (v: { text: string; visibility: 'public' | 'private'; key: string }) => postReply(id, csrfToken ?? '', { text: v.text, visibility: v.visibility }, v.key));
};
