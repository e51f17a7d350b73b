import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveySettings, SurveySummary, SurveyView } from '@contracts';
import { api, request } from '../api/client.ts';

export const SURVEYS_KEY = ['surveys'] as const;

export const useSurveysOf = (of: { customerId: string } | { conversationId: string }) => {
  const url = 'customerId' in of ? `/api/customers/${of.customerId}/surveys` : `/api/conversations/${of.conversationId}/surveys`;
  return useQuery({ queryKey: [...SURVEYS_KEY, url], queryFn: () => api.get<SurveyView[]>(url) });
};

export const useSurveySummary = (days = 30, enabled = true) =>
  useQuery({ queryKey: [...SURVEYS_KEY, 'summary', days], queryFn: () => api.get<SurveySummary>(`/api/surveys/summary?days=${days}`), enabled });

export const useSurveySettings = () => useQuery({ queryKey: [...SURVEYS_KEY, 'settings'], queryFn: () => api.get<SurveySettings>('/api/settings/surveys') });

export const useSaveSurveySettings = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: SurveySettings) => request<SurveySettings>('PUT', '/api/settings/surveys', s),
    onSuccess: (s) => qc.setQueryData([...SURVEYS_KEY, 'settings'], s),
  });
};
