import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DrillList, DrillRunView, ScenarioSummary, StartDrillBody } from '@contracts';
import { api } from '../api/client.ts';
import { useLiveRefresh } from '../live/use-live-refresh.ts';

/** Drills: the shipped scenarios, runs and history, starting, finishing and cancelling a drill. */

export const DRILLS_KEY = ['drills'] as const;

export const useScenarios = () => useQuery({ queryKey: [...DRILLS_KEY, 'scenarios'], queryFn: () => api.get<ScenarioSummary[]>('/api/drills/scenarios'), staleTime: 5 * 60_000 });

/** While a drill runs its progress and score-so-far change by the second: poll it. */
const whileRunning = (running: boolean) => (running ? 2_000 : false);

export const useDrills = () =>
  useQuery({
    queryKey: [...DRILLS_KEY, 'list'],
    queryFn: () => api.get<DrillList>('/api/drills'),
    refetchInterval: (q) => whileRunning(Boolean(q.state.data?.runs.some((r) => r.status === 'running'))),
  });

export const useRunningDrill = (enabled: boolean) =>
  useQuery({
    queryKey: [...DRILLS_KEY, 'running'],
    queryFn: async () => (await api.get<DrillList>('/api/drills?status=running')).runs[0] ?? null,
    enabled,
    refetchInterval: (q) => (q.state.data ? 5_000 : 30_000),
  });

export const useDrill = (id: string) =>
  useQuery({ queryKey: [...DRILLS_KEY, 'detail', id], queryFn: () => api.get<DrillRunView>(`/api/drills/${id}`), refetchInterval: (q) => whileRunning(q.state.data?.status === 'running') });

const useDrillChange = <V>(fn: (v: V) => Promise<DrillRunView>) => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: DRILLS_KEY }) });
};

export const useStartDrill = () => useDrillChange((body: StartDrillBody) => api.post<DrillRunView>('/api/drills', body));
export const useFinishDrill = () => useDrillChange((id: string) => api.post<DrillRunView>(`/api/drills/${id}/finish`));
export const useCancelDrill = () => useDrillChange((id: string) => api.post<DrillRunView>(`/api/drills/${id}/cancel`));

/** A drill started or ended anywhere (another tab, the CLI): the banner and the drills page refetch. */
export const useLiveDrills = (enabled: boolean): void =>
  useLiveRefresh({ types: ['drill.started', 'drill.finished', 'drill.cancelled'], match: /^drill\./, queryKey: DRILLS_KEY, debounceMs: 0, reportsConnection: false, enabled });
