import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OutreachCampaignSummary, OutreachCampaignView, OutreachCreate, OutreachPatch, RecipientsPatch } from '@contracts';
import { api } from '../api/client.ts';

/** Queries and mutations of an incident's outreach campaigns. */

export const OUTREACH_KEY = ['outreach'] as const;
const campaignsKey = (incidentId: string) => [...OUTREACH_KEY, 'incident', incidentId] as const;
const campaignKey = (id: string) => [...OUTREACH_KEY, 'campaign', id] as const;

export const useCampaigns = (incidentId: string) =>
  useQuery({ queryKey: campaignsKey(incidentId), queryFn: () => api.get<OutreachCampaignSummary[]>(`/api/incidents/${incidentId}/outreach`) });

/** While messages are still in the outbox, the progress refreshes every two seconds. */
export const useCampaign = (id: string | null) =>
  useQuery({
    queryKey: campaignKey(id ?? 'none'),
    queryFn: () => api.get<OutreachCampaignView>(`/api/outreach/${id}`),
    enabled: Boolean(id),
    refetchInterval: (q) => ((q.state.data?.counts.queued ?? 0) > 0 ? 2_000 : false),
  });

export const useCreateCampaign = (incidentId: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: OutreachCreate) => api.post<OutreachCampaignView>(`/api/incidents/${incidentId}/outreach`, body),
    onSuccess: async (c) => {
      qc.setQueryData(campaignKey(c.id), c);
      await qc.invalidateQueries({ queryKey: campaignsKey(incidentId) });
    },
  });
};

const useCampaignChange = <V,>(id: string, fn: (v: V) => Promise<OutreachCampaignView>) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (c) => {
      qc.setQueryData(campaignKey(id), c);
      if (c.incidentId) await qc.invalidateQueries({ queryKey: campaignsKey(c.incidentId) });
    },
  });
};

export const useUpdateCampaign = (id: string) => useCampaignChange(id, (patch: OutreachPatch) => api.patch<OutreachCampaignView>(`/api/outreach/${id}`, patch));
export const useSetRecipients = (id: string) => useCampaignChange(id, (body: RecipientsPatch) => api.patch<OutreachCampaignView>(`/api/outreach/${id}/recipients`, body));
export const useSendCampaign = (id: string) => useCampaignChange(id, () => api.post<OutreachCampaignView>(`/api/outreach/${id}/send`));
