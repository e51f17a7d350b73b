import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { SurveyView } from '@contracts';
import { LoadError } from '../components/load-error.tsx';
import { useSurveysOf } from './api.ts';

/** CSAT 4–5 and NPS 9–10 are good news; CSAT 3 and NPS 7–8 are neutral; the rest ask for attention. */
const colorOf = (s: SurveyView): string => {
  if (s.score === null) return 'gray';
  if (s.kind === 'csat') return s.score >= 4 ? 'teal' : s.score === 3 ? 'yellow' : 'red';
  return s.score >= 9 ? 'teal' : s.score >= 7 ? 'yellow' : 'red';
};

const label = (s: SurveyView) => (s.kind === 'csat' ? `CSAT ${s.score}/5` : `NPS ${s.score}/10`);

/**
 * A customer's or a conversation's check-ins: each answer's score and comment, and those still
 * waiting or expired. For the customer page (`customerId`) and the conversation page (`conversationId`).
 */
export const SurveyScores = (props: { customerId: string } | { conversationId: string }) => {
  const q = useSurveysOf(props);
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const list = q.data ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="survey-scores-title">
      <Stack gap="xs">
        <Title order={2} fz="h5" id="survey-scores-title">
          Check-ins
        </Title>
        {q.isPending ? (
          <Text fz="sm" c="dimmed">
            Loading…
          </Text>
        ) : !list.length ? (
          <Text fz="sm" c="dimmed">
            No check-ins yet.
          </Text>
        ) : (
          list.map((s) => (
            <Stack key={s.id} gap={2} data-survey={s.id}>
              <Group gap="xs">
                {s.state === 'answered' ? (
                  <Badge color={colorOf(s)} variant="light" c="dark.7">
                    {label(s)}
                  </Badge>
                ) : (
                  <Badge color="gray" variant="outline">
                    {s.kind.toUpperCase()} {s.state === 'expired' ? 'expired' : 'waiting'}
                  </Badge>
                )}
                <Text fz="xs" c="dimmed">
                  {s.trigger} · {new Date(s.answeredAt ?? s.sentAt).toLocaleDateString()}
                </Text>
                {s.isDrill && <Badge size="xs" color="grape">DRILL</Badge>}
              </Group>
              {s.comment && (
                <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  “{s.comment}”
                </Text>
              )}
            </Stack>
          ))
        )}
      </Stack>
    </Paper>
  );
};
