import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertAckLinkView, AlertDeliveryView, AlertRuleCreate, AlertRulePatch, AlertRuleView, TestAlertResultView } from '@contracts';
import { api } from '../api/client.ts';

/** Alert rules and alerts. Every alert query lives under ['alerts'] so a change refreshes them all. */
export const ALERT_RULES_KEY = ['alert-rules'] as const;
export const ALERTS_KEY = ['alerts'] as const;

export const useAlertRules = () => useQuery({ queryKey: ALERT_RULES_KEY, queryFn: () => api.get<AlertRuleView[]>('/api/alert-rules') });

const useRuleChange = <V, R>(fn: (v: V) => Promise<R>) => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: ALERT_RULES_KEY }) });
};

export const useCreateAlertRule = () => useRuleChange((body: AlertRuleCreate) => api.post<AlertRuleView>('/api/alert-rules', body));
export const useUpdateAlertRule = () => useRuleChange(({ id, patch }: { id: string; patch: AlertRulePatch }) => api.patch<AlertRuleView>(`/api/alert-rules/${id}`, patch));
export const useDeleteAlertRule = () => useRuleChange((id: string) => api.delete(`/api/alert-rules/${id}`));
export const useTestAlertRule = () => useMutation({ mutationFn: (id: string) => api.post<TestAlertResultView[]>(`/api/alert-rules/${id}/test`) });

/** An incident's alerts; refreshed every 10 s so retries and escalations show up while the page is open. */
export const useIncidentAlerts = (incidentId: string) =>
  useQuery({ queryKey: [...ALERTS_KEY, 'incident', incidentId], queryFn: () => api.get<AlertDeliveryView[]>(`/api/alerts?incidentId=${incidentId}&limit=200`), refetchInterval: 10_000 });

const useAlertChange = (fn: (id: string) => Promise<AlertDeliveryView>) => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: ALERTS_KEY }) });
};
export const useAcknowledgeAlert = () => useAlertChange((id) => api.post<AlertDeliveryView>(`/api/alerts/${id}/acknowledge`));
export const useRetryAlert = () => useAlertChange((id) => api.post<AlertDeliveryView>(`/api/alerts/${id}/retry`));

/** The signed link of an alert email (no sign-in). */
export const useAckLink = (id: string, token: string) =>
  useQuery({ queryKey: ['alert-ack', id, token], queryFn: () => api.get<AlertAckLinkView>(`/api/alert-acks/${id}?token=${encodeURIComponent(token)}`), retry: false });
export const useAckByLink = (id: string, token: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<AlertAckLinkView>(`/api/alert-acks/${id}`, { token }),
    onSuccess: (view) => qc.setQueryData(['alert-ack', id, token], view),
  });
};
