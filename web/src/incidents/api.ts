import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  IncidentCreate, IncidentDetailView, IncidentLinks, IncidentPage, IncidentPatch, IncidentQuery, PlaybookCreate, PlaybookPatch, PlaybookView, StatementPost,
} from '@contracts';
import { api, request } from '../api/client.ts';

/** Queries and mutations of incidents and playbooks; every change refreshes what it touched. */

export const INCIDENTS_KEY = ['incidents'] as const;
export const PLAYBOOKS_KEY = ['playbooks'] as const;
const detailKey = (id: string) => [...INCIDENTS_KEY, 'detail', id] as const;

const qs = (q: Record<string, string | number | boolean | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const useIncidents = (q: IncidentQuery) =>
  useQuery({ queryKey: [...INCIDENTS_KEY, 'list', q], queryFn: () => api.get<IncidentPage>(`/api/incidents${qs({ ...q })}`) });

export const useIncident = (id: string, mentionOffset = 0) =>
  useQuery({ queryKey: [...detailKey(id), mentionOffset], queryFn: () => api.get<IncidentDetailView>(`/api/incidents/${id}${qs({ mentionOffset, mentionLimit: 25 })}`) });

const useIncidentChange = <V, R>(fn: (v: V) => Promise<R>) => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: INCIDENTS_KEY }) });
};

export const useDeclareIncident = () => useIncidentChange((body: IncidentCreate) => api.post<IncidentDetailView>('/api/incidents', body));
export const useUpdateIncident = (id: string) => useIncidentChange((patch: IncidentPatch) => api.patch<IncidentDetailView>(`/api/incidents/${id}`, patch));
export const useAddIncidentNote = (id: string) => useIncidentChange((text: string) => api.post<IncidentDetailView>(`/api/incidents/${id}/notes`, { text }));
export const useTickStep = (id: string) =>
  useIncidentChange(({ itemId, done }: { itemId: string; done: boolean }) => api.post<IncidentDetailView>(`/api/incidents/${id}/checklist/${itemId}`, { done }));
export const usePostStatement = (id: string) =>
  useIncidentChange((body: StatementPost) => api.post<{ text: string; messageId: string | null; recordedOnly: string | null }>(`/api/incidents/${id}/statements`, body));
export const useUnlink = (id: string) => useIncidentChange((body: IncidentLinks) => request<{ unlinked: number }>('DELETE', `/api/incidents/${id}/mentions`, body));

export const usePlaybooks = () => useQuery({ queryKey: PLAYBOOKS_KEY, queryFn: () => api.get<PlaybookView[]>('/api/playbooks') });

const usePlaybookChange = <V, R>(fn: (v: V) => Promise<R>) => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: PLAYBOOKS_KEY }) });
};
export const useCreatePlaybook = () => usePlaybookChange((body: PlaybookCreate) => api.post<PlaybookView>('/api/playbooks', body));
export const useUpdatePlaybook = () => usePlaybookChange(({ id, patch }: { id: string; patch: PlaybookPatch }) => api.patch<PlaybookView>(`/api/playbooks/${id}`, patch));
export const useDeletePlaybook = () => usePlaybookChange((id: string) => api.delete<void>(`/api/playbooks/${id}`));

/** Channels a statement can be posted on (the server decides whether each one can post). */
export const useStatementChannels = (enabled: boolean) =>
  useQuery({ queryKey: ['incident-channels'], queryFn: () => api.get<{ id: string; name: string; kind: string }[]>('/api/channels'), enabled, staleTime: 60_000 });
