import { Anchor, Button, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router-dom';
import { can, useSignedIn } from '../api/session.ts';
import { messageOf } from '../api/client.ts';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useDrill, useFinishDrill } from './api.ts';
import { Expectations } from './expectations.tsx';
import { ReportView } from './report-view.tsx';
import { StatusBadge } from './drills-page.tsx';

/** One drill: its progress while it runs (with the score so far), then its report. */
export const DrillPage = () => {
  const { id = '' } = useParams();
  const drill = useDrill(id);
  const finish = useFinishDrill();
  const mayRun = can(useSignedIn(), 'drills:run');
  if (drill.isError) return <LoadError error={drill.error} onRetry={() => void drill.refetch()} />;
  if (!drill.data) return <TableSkeleton rows={4} />;
  const d = drill.data;
  const running = d.status === 'running';
  return (
    <>
      <PageHeader
        title={`DRILL: ${d.scenarioName}`}
        description={
          <>
            Started {new Date(d.startedAt).toLocaleString()} · <StatusBadge status={d.status} /> · <Anchor component={Link} to="/drills">All drills</Anchor>
          </>
        }
        actions={
          running && mayRun && (
            <Button onClick={() => finish.mutate(d.id, { onError: (e) => notifications.show({ color: 'red', title: 'Not finished', message: messageOf(e) }) })} loading={finish.isPending}>
              Finish and score
            </Button>
          )
        }
      />
      <Stack gap="lg">
        {running && (
          <Card withBorder bg="orange.0">
            <Text fw={600}>
              {d.injected} of {d.total} mentions injected (speed {d.speed}×)
            </Text>
            <Progress value={(100 * d.injected) / Math.max(1, d.total)} mt="xs" color="orange" aria-label="Mentions injected" />
            <Group gap="md" mt="xs">
              <Anchor component={Link} to="/inbox">
                See the drill in the inbox
              </Anchor>
              <Anchor component={Link} to="/incidents">
                Incidents
              </Anchor>
              <Text fz="sm" c="gray.8">
                Finishes by itself at {new Date(d.autoFinishAt).toLocaleTimeString()}
              </Text>
            </Group>
          </Card>
        )}
        {d.report ? <ReportView report={d.report} live={running} /> : <Text c="dimmed">Cancelled: no report.</Text>}
        <Card withBorder>
          <Text fw={600} mb={4}>
            What the scenario expected
          </Text>
          <Expectations expected={d.expected} />
        </Card>
      </Stack>
    </>
  );
};
