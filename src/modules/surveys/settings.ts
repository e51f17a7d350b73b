import { sql, type Tx } from '../../platform/db/index.ts';

export type SurveyKind = 'csat' | 'nps';

export interface SurveySettings {
  afterResolution: 'off' | SurveyKind;
  delayMinutes: number;
  expiresDays?: number;
  schedule?: { kind: 'off' | SurveyKind; everyDays: number; segment?: { tiers?: string[]; vip?: boolean } };
}

export const DEFAULT_SURVEY_SETTINGS: SurveySettings = { afterResolution: 'off', delayMinutes: 60, expiresDays: 14, schedule: { kind: 'off', everyDays: 30 } };
export const DEFAULT_EXPIRES_DAYS = 14;

/** `workspaces.settings.surveys` over the defaults: a workspace that never saved them surveys nobody. */
export const surveySettingsOf = (raw: unknown): SurveySettings => {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Partial<SurveySettings>;
  const kind = (v: unknown): 'off' | SurveyKind => (v === 'csat' || v === 'nps' ? v : 'off');
  const int = (v: unknown, d: number, min: number) => (typeof v === 'number' && Number.isInteger(v) && v >= min ? v : d);
  const schedule = s.schedule && typeof s.schedule === 'object' ? s.schedule : DEFAULT_SURVEY_SETTINGS.schedule!;
  return {
    afterResolution: kind(s.afterResolution),
    delayMinutes: int(s.delayMinutes, DEFAULT_SURVEY_SETTINGS.delayMinutes, 0),
    expiresDays: int(s.expiresDays, DEFAULT_EXPIRES_DAYS, 1),
    schedule: { kind: kind(schedule.kind), everyDays: int(schedule.everyDays, 30, 1), ...(schedule.segment ? { segment: schedule.segment } : {}) },
  };
};

export const readSurveySettings = async (tx: Tx, workspaceId: string): Promise<SurveySettings> => {
  const res = (await tx.execute(sql`select settings->'surveys' as surveys from workspaces where id = ${workspaceId}`)) as unknown as { rows: { surveys: unknown }[] };
  const raw = res.rows[0]?.surveys;
  return surveySettingsOf(typeof raw === 'string' ? JSON.parse(raw) : raw);
};
