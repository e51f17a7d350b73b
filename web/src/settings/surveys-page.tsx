import { useState } from 'react';
import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SurveySettings } from '@contracts';
import { messageOf } from '../api/client.ts';
import { can, useSignedIn } from '../api/session.ts';
import { FormAlert } from '../components/form-alert.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useSaveSurveySettings, useSurveySettings, useSurveySummary } from '../surveys/api.ts';

type Kind = 'off' | 'csat' | 'nps';
const KINDS = [
  { value: 'off', label: 'Off' },
  { value: 'csat', label: 'CSAT (1–5)' },
  { value: 'nps', label: 'NPS (0–10)' },
];

const SurveyForm = ({ initial, readOnly }: { initial: SurveySettings; readOnly: boolean }) => {
  const save = useSaveSurveySettings();
  const [after, setAfter] = useState<Kind>(initial.afterResolution);
  const [delay, setDelay] = useState<number>(initial.delayMinutes);
  const [expires, setExpires] = useState<number>(initial.expiresDays ?? 14);
  const [schedule, setSchedule] = useState<Kind>(initial.schedule?.kind ?? 'off');
  const [every, setEvery] = useState<number>(initial.schedule?.everyDays ?? 30);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await save.mutateAsync({
        afterResolution: after,
        delayMinutes: delay,
        expiresDays: expires,
        schedule: { kind: schedule, everyDays: every, ...(initial.schedule?.segment ? { segment: initial.schedule.segment } : {}) },
      });
      notifications.show({ message: 'Survey settings saved', color: 'teal' });
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <Paper withBorder p="lg" maw={640}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Survey settings">
        <Stack gap="sm">
          <FormAlert message={error} />
          <Title order={2} fz="h4">
            After a resolution
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label="Ask" data={KINDS} value={after} onChange={(v) => v && setAfter(v as Kind)} allowDeselect={false} disabled={readOnly} />
            <NumberInput label="Minutes after resolving" min={0} max={43200} value={delay} onChange={(v) => setDelay(Number(v) || 0)} disabled={readOnly || after === 'off'} />
          </SimpleGrid>
          <Title order={2} fz="h4" mt="sm">
            On a schedule
          </Title>
          <Text fz="sm" c="dimmed">
            Customers with a conversation resolved in the period, at most once per period, never opted-out customers.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label="Ask" data={KINDS} value={schedule} onChange={(v) => v && setSchedule(v as Kind)} allowDeselect={false} disabled={readOnly} />
            <NumberInput label="Every (days)" min={1} max={365} value={every} onChange={(v) => setEvery(Math.max(1, Number(v) || 1))} disabled={readOnly || schedule === 'off'} />
          </SimpleGrid>
          <NumberInput label="Links stay answerable for (days)" min={1} max={90} value={expires} onChange={(v) => setExpires(Math.max(1, Number(v) || 1))} disabled={readOnly} maw={300} />
          {!readOnly && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                Save
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
};

const Summary = () => {
  const q = useSurveySummary(30);
  if (!q.data) return null;
  const fmt = (v: number | null, unit = '') => (v === null ? '—' : `${v}${unit}`);
  return (
    <Paper withBorder p="lg" maw={640} mt="md" component="section" aria-labelledby="survey-summary">
      <Title order={2} fz="h4" id="survey-summary" mb="xs">
        Last 30 days
      </Title>
      <SimpleGrid cols={2}>
        <Stack gap={0}>
          <Text fz="sm" c="dimmed">
            CSAT (share of 4–5)
          </Text>
          <Text fz="xl" fw={700}>
            {fmt(q.data.csat.score, '%')}
          </Text>
          <Text fz="xs" c="dimmed">
            {q.data.csat.answered} of {q.data.csat.sent} answered
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text fz="sm" c="dimmed">
            NPS
          </Text>
          <Text fz="xl" fw={700}>
            {fmt(q.data.nps.score)}
          </Text>
          <Text fz="xs" c="dimmed">
            {q.data.nps.answered} of {q.data.nps.sent} answered
          </Text>
        </Stack>
      </SimpleGrid>
    </Paper>
  );
};

/** When check-ins are sent, and how customers answered lately. */
export const SurveysPage = () => {
  const session = useSignedIn();
  const settings = useSurveySettings();
  const readOnly = !can(session, 'workspace:manage');
  return (
    <>
      <PageHeader title="Surveys" description={readOnly ? 'Only admins can change these.' : '“How is it going?” check-ins: CSAT or NPS with a comment.'} />
      {settings.isError ? (
        <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !settings.data ? (
        <TableSkeleton rows={3} />
      ) : (
        <SurveyForm initial={settings.data} readOnly={readOnly} />
      )}
      {can(session, 'reports:read') && <Summary />}
    </>
  );
};
