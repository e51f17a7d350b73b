import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from './client.ts';
import type {
  AuditEntry, CreatedToken, Member, MemberCreate, MemberPatch, Team, TeamCreate, TeamPatch, Token, TokenCreate, Workspace, WorkspacePatch,
} from './types.ts';

/** Queries and mutations for the settings screens; each mutation refreshes what it changed. */

export const keys = {
  members: ['members'] as const,
  teams: ['teams'] as const,
  tokens: ['tokens'] as const,
  workspace: ['workspace'] as const,
  audit: ['audit'] as const,
};

export const useMembers = () => useQuery({ queryKey: keys.members, queryFn: () => api.get<Member[]>('/api/members') });
export const useTeams = () => useQuery({ queryKey: keys.teams, queryFn: () => api.get<Team[]>('/api/teams') });
export const useTokens = () => useQuery({ queryKey: keys.tokens, queryFn: () => api.get<Token[]>('/api/tokens') });
export const useWorkspace = () => useQuery({ queryKey: keys.workspace, queryFn: () => api.get<Workspace>('/api/workspace') });

export const fetchAuditPage = (before?: number) => api.get<AuditEntry[]>(`/api/audit?limit=50${before ? `&before=${before}` : ''}`);

const useChange = <V, R>(fn: (v: V) => Promise<R>, ...invalidate: QueryKey[]) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([...invalidate, keys.audit].map((k) => qc.invalidateQueries({ queryKey: k })));
    },
  });
};

export const useCreateMember = () => useChange((b: MemberCreate) => api.post<Member>('/api/members', b), keys.members);
export const useUpdateMember = () =>
  useChange(({ id, patch }: { id: string; patch: MemberPatch }) => api.patch<Member>(`/api/members/${id}`, patch), keys.members, ['session']);

export const useCreateTeam = () => useChange((b: TeamCreate) => api.post<Team>('/api/teams', b), keys.teams);
export const useUpdateTeam = () => useChange(({ id, patch }: { id: string; patch: TeamPatch }) => api.patch<Team>(`/api/teams/${id}`, patch), keys.teams);
export const useDeleteTeam = () => useChange((id: string) => api.delete(`/api/teams/${id}`), keys.teams);

export const useCreateToken = () => useChange((b: TokenCreate) => api.post<CreatedToken>('/api/tokens', b), keys.tokens);
export const useRevokeToken = () => useChange((id: string) => api.delete(`/api/tokens/${id}`), keys.tokens);

export const useUpdateWorkspace = () => useChange((b: WorkspacePatch) => api.patch<Workspace>('/api/workspace', b), keys.workspace, ['session']);
