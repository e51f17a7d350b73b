import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  ChannelCreate, ChannelFailureView, ChannelKindView, ChannelPatch, ChannelView, ClassifierTrainBody, ClassifierView, HealthCheckView,
  ListeningQueryCreate, ListeningQueryPatch, ListeningQueryView, NamedDefinitionBody, NamedDefinitionView, QueryPreviewView,
  RuleCreate, RuleFieldView, RulePatch, RuleReorderBody, RuleTestView, RuleView, TriageWeightsOverrideBody, TriageWeightsView,
} from '@contracts';
import { api, request } from '../api/client.ts';
import { keys as sharedKeys } from '../api/resources.ts';

/** Queries and mutations of the admin settings screens (channels, rules, SLA, canned replies, triage, classifiers). */

export type Channel = ChannelView;
export type ChannelKind = Static<typeof ChannelKindView>;
export type ChannelFailure = Static<typeof ChannelFailureView>;
export type HealthCheck = Static<typeof HealthCheckView>;
export type ListeningQuery = ListeningQueryView;
export type QueryPreview = Static<typeof QueryPreviewView>;
export type Rule = RuleView;
export type RuleField = Static<typeof RuleFieldView>;
export type RuleTest = Static<typeof RuleTestView>;
export type Named = Static<typeof NamedDefinitionView>;
export type Classifier = ClassifierView;
export type TriageWeights = TriageWeightsView;
export interface CannedReply {
  id: string;
  name: string;
  body: string;
  variables: string[];
  createdAt: string;
  updatedAt: string;
}

export const settingsKeys = {
  channels: ['channels'] as const,
  channelKinds: ['channel-kinds'] as const,
  failures: (id: string) => ['channels', id, 'failures'] as const,
  queries: ['listening-queries'] as const,
  rules: ['rules'] as const,
  ruleFields: ['rules', 'fields'] as const,
  slaPolicies: ['sla-policies'] as const,
  calendars: ['business-calendars'] as const,
  canned: ['canned-replies'] as const,
  classifiers: ['classifiers'] as const,
  weights: ['triage-weights'] as const,
};

const get = <T>(key: QueryKey, url: string, refetchInterval?: number) => () => useQuery({ queryKey: key, queryFn: () => api.get<T>(url), ...(refetchInterval ? { refetchInterval } : {}) });

/** Channel health changes as the worker runs: refresh it while the page is open. */
export const useChannels = get<Channel[]>(settingsKeys.channels, '/api/channels', 15_000);
export const useChannelKinds = get<ChannelKind[]>(settingsKeys.channelKinds, '/api/channel-kinds');
export const useListeningQueries = get<ListeningQuery[]>(settingsKeys.queries, '/api/listening-queries');
export const useRules = get<Rule[]>(settingsKeys.rules, '/api/rules');
export const useRuleFields = get<RuleField[]>(settingsKeys.ruleFields, '/api/rules/fields');
export const useSlaPolicies = get<Named[]>(settingsKeys.slaPolicies, '/api/sla-policies');
export const useCalendars = get<Named[]>(settingsKeys.calendars, '/api/business-calendars');
export const useCannedReplies = get<CannedReply[]>(settingsKeys.canned, '/api/canned-replies');
export const useClassifiers = get<Classifier[]>(settingsKeys.classifiers, '/api/classifiers');
export const useTriageWeights = get<TriageWeights>(settingsKeys.weights, '/api/triage-weights');
export const useChannelFailures = (id: string) => useQuery({ queryKey: settingsKeys.failures(id), queryFn: () => api.get<ChannelFailure[]>(`/api/channels/${id}/failures`) });

const useChange = <V, R>(fn: (v: V) => Promise<R>, ...invalidate: QueryKey[]) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([...invalidate, sharedKeys.audit].map((k) => qc.invalidateQueries({ queryKey: k })));
    },
  });
};

export const useCreateChannel = () => useChange((b: ChannelCreate) => api.post<Channel>('/api/channels', b), settingsKeys.channels);
export const useUpdateChannel = () => useChange(({ id, patch }: { id: string; patch: ChannelPatch }) => api.patch<Channel>(`/api/channels/${id}`, patch), settingsKeys.channels);
export const useDeleteChannel = () => useChange((id: string) => api.delete(`/api/channels/${id}`), settingsKeys.channels, settingsKeys.queries);
export const useCheckChannel = () => useChange((id: string) => api.post<HealthCheck>(`/api/channels/${id}/check`), settingsKeys.channels);

export const useCreateQuery = () => useChange((b: ListeningQueryCreate) => api.post<ListeningQuery>('/api/listening-queries', b), settingsKeys.queries);
export const useUpdateQuery = () =>
  useChange(({ id, patch }: { id: string; patch: ListeningQueryPatch }) => api.patch<ListeningQuery>(`/api/listening-queries/${id}`, patch), settingsKeys.queries);
export const useDeleteQuery = () => useChange((id: string) => api.delete(`/api/listening-queries/${id}`), settingsKeys.queries);
export const previewQuery = (query: string) => api.post<QueryPreview>('/api/listening-queries/preview', { query, limit: 10 });

export const useCreateRule = () => useChange((b: RuleCreate) => api.post<Rule>('/api/rules', b), settingsKeys.rules);
export const useUpdateRule = () => useChange(({ id, patch }: { id: string; patch: RulePatch }) => api.patch<Rule>(`/api/rules/${id}`, patch), settingsKeys.rules);
export const useDeleteRule = () => useChange((id: string) => api.delete(`/api/rules/${id}`), settingsKeys.rules);
export const useReorderRules = () => useChange((b: RuleReorderBody) => api.post<Rule[]>('/api/rules/reorder', b), settingsKeys.rules);
export const testRule = (b: { name: string; definition: Record<string, unknown>; mentionId: string }) => api.post<RuleTest>('/api/rules/test', b);

type NamedKind = 'sla-policies' | 'business-calendars';
const namedKey = (kind: NamedKind) => (kind === 'sla-policies' ? settingsKeys.slaPolicies : settingsKeys.calendars);
export const useSaveNamed = (kind: NamedKind) =>
  useChange(({ id, body }: { id?: string; body: NamedDefinitionBody }) => (id ? request<Named>('PUT', `/api/${kind}/${id}`, body) : api.post<Named>(`/api/${kind}`, body)), namedKey(kind));
export const useDeleteNamed = (kind: NamedKind) => useChange((id: string) => api.delete(`/api/${kind}/${id}`), namedKey(kind));

export const useCreateCanned = () => useChange((b: { name: string; body: string }) => api.post<CannedReply>('/api/canned-replies', b), settingsKeys.canned);
export const useUpdateCanned = () => useChange(({ id, patch }: { id: string; patch: { name?: string; body?: string } }) => api.patch<CannedReply>(`/api/canned-replies/${id}`, patch), settingsKeys.canned);
export const useDeleteCanned = () => useChange((id: string) => api.delete(`/api/canned-replies/${id}`), settingsKeys.canned);

export const useTrainClassifier = () => useChange((b: ClassifierTrainBody) => api.post<Classifier>('/api/classifiers', b), settingsKeys.classifiers);
export const useActivateClassifier = () => useChange((id: string) => api.post<Classifier>(`/api/classifiers/${id}/activate`), settingsKeys.classifiers);
export const useRetrainNeedsResponse = () => useChange(() => api.post<Classifier>('/api/classifiers/needs-response/retrain'), settingsKeys.classifiers);
export const useRetrainFromTags = () => useChange((id: string) => api.post<Classifier>(`/api/classifiers/${id}/retrain-from-tags`), settingsKeys.classifiers);
export const useDeleteClassifier = () => useChange((id: string) => api.delete(`/api/classifiers/${id}`), settingsKeys.classifiers);

export const useSaveWeights = () => useChange((b: TriageWeightsOverrideBody) => request<TriageWeights>('PUT', '/api/triage-weights', b), settingsKeys.weights);
export const useResetWeights = () => useChange(() => api.delete<TriageWeights>('/api/triage-weights'), settingsKeys.weights);

export const useTags = get<{ id: string; name: string }[]>(['tags'], '/api/tags');
