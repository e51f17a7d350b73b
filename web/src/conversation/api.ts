import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CannedReplyView, ComplianceSettingsView, ConversationDetailView, ConversationPatch, IncidentReplyView, MessageView, MovePrivateBody, PrivatePathOption, ReplyPreviewView, TagView,
} from '@contracts';
import { ApiError, api, fieldNameOf, request } from '../api/client.ts';
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

/** The workspace's tags (the same query the inbox's tag dialog reads), offered while tagging. */
export const useWorkspaceTags = () => useQuery({ queryKey: ['tags'], queryFn: () => api.get<TagView[]>('/api/tags'), staleTime: 30_000 });

/** Sets the conversation's tags by name (the API creates new names); the tag list refreshes too. */
export const useSetTags = (id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (tags: string[]) => request('PUT', `/api/conversations/${id}/tags`, { tags }),
    onSettled: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: CONVERSATIONS_KEY }), qc.invalidateQueries({ queryKey: ['tags'] })]);
    },
  });
};

export const useAddNote = (id: string) => useRefreshing(id, (text: string) => api.post<MessageView>(`/api/conversations/${id}/notes`, { text }));

export const useRetryMessage = (id: string) => useRefreshing(id, (messageId: string) => api.post<MessageView>(`/api/messages/${messageId}/retry`));

/**
 * Replies carry an Idempotency-Key (the shared client sends no custom headers, hence this one
 * request): the composer keeps one key per draft, so a retry after a lost answer returns the
 * reply already queued instead of posting it twice.
 */
export interface ReplyDraft {
  text: string;
  visibility: 'public' | 'private';
  /** Another channel than the conversation's (a private path on email or a chat link). */
  channelId?: string;
  variables?: Record<string, string>;
  /** The agent read the guard's warnings and sends anyway. */
  acknowledgeWarnings?: boolean;
}

const postReply = async (id: string, csrfToken: string, body: ReplyDraft, key: string): Promise<MessageView> => {
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
  return useRefreshing(id, ({ key, ...draft }: ReplyDraft & { key: string }) => postReply(id, csrfToken ?? '', draft, key));
};

/**
 * What the draft would become (variables, persona signature, length, thread parts) and what the
 * compliance guard finds in it, asked of the server a moment after the agent stops typing: the
 * same code path as the reply itself, so what the composer shows is what the server will decide.
 */
export const useReplyPreview = (id: string, draft: { text: string; visibility: 'public' | 'private'; variables: Record<string, string>; channelId?: string }, enabled: boolean) =>
  useQuery({
    queryKey: ['reply-preview', id, draft],
    queryFn: () => api.post<ReplyPreviewView>(`/api/conversations/${id}/reply-preview`, draft),
    enabled: enabled && draft.text.trim() !== '',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });

export const useCannedReplies = (enabled: boolean) => useQuery({ queryKey: ['canned-replies'], queryFn: () => api.get<CannedReplyView[]>('/api/canned-replies'), enabled, staleTime: 60_000 });

/** The workspace's guard settings, read here for the move-to-private template. */
export const useComplianceSettings = (enabled = true) => useQuery({ queryKey: ['compliance'], queryFn: () => api.get<ComplianceSettingsView>('/api/compliance'), enabled, staleTime: 60_000 });

export const usePrivatePaths = (id: string, enabled: boolean) =>
  useQuery({ queryKey: [...CONVERSATIONS_KEY, 'private-paths', id], queryFn: () => api.get<PrivatePathOption[]>(`/api/conversations/${id}/private-paths`), enabled });

export const useMovePrivate = (id: string) =>
  useRefreshing(id, (body: MovePrivateBody) => api.post<{ publicReply: MessageView; privateMessage: MessageView }>(`/api/conversations/${id}/move-private`, body));

/** Pre-approved replies of the playbooks of the open incidents this conversation is linked to. */
export const useIncidentReplies = (id: string, enabled: boolean) =>
  useQuery({ queryKey: [...CONVERSATIONS_KEY, 'incident-replies', id], queryFn: () => api.get<IncidentReplyView[]>(`/api/incident-replies?conversationId=${encodeURIComponent(id)}`), enabled, staleTime: 30_000 });
