import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, FileButton, Group, NumberInput, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router-dom';
import type { DrillRunView, ScenarioSummary } from '@contracts';
import { can, useSignedIn } from '../api/session.ts';
import { messageOf } from '../api/client.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useCancelDrill, useDrills, useFinishDrill, useScenarios, useStartDrill } from './api.ts';
import { Expectations } from './expectations.tsx';
import { HistoryChart } from './history-chart.tsx';

/** Fire drills: rehearse a crisis on synthetic mentions marked DRILL, then read the score. */
export const DrillsPage = () => {
  const session = useSignedIn();
  const mayRun = can(session, 'drills:run');
  const scenarios = useScenarios();
  const drills = useDrills();
  const start = useStartDrill();
  const navigate = useNavigate();
  const [speed, setSpeed] = useState<number>(1);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const running = drills.data?.runs.find((r) => r.status === 'running') ?? null;

  const run = async (body: { scenario?: string; file?: string; fileName?: string }) => {
    const view = await start.mutateAsync({ ...body, speed });
    navigate(`/drills/${view.id}`);
  };
  const upload = async (file: File | null) => {
    if (!file) return;
    setUploadError(null);
    try {
      await run({ file: await file.text(), fileName: file.name });
    } catch (err) {
      setUploadError(messageOf(err));
    }
  };

  return (
    <>
      <PageHeader
        title="Fire drills"
        description="Rehearse a crisis: a scenario's mentions arrive through the real pipeline, marked DRILL. Nothing a drill produces ever leaves Lookout."
        actions={
          mayRun && (
            <>
              <NumberInput label="Speed" aria-label="Speed (times faster)" size="xs" w={110} min={0.1} max={1000} value={speed} onChange={(v) => setSpeed(Number(v) || 1)} suffix="×" />
              <FileButton onChange={(f) => void upload(f)} accept=".yaml,.yml,.json,application/json,text/yaml">
                {(props) => (
                  <Button variant="default" size="xs" mt={20} disabled={Boolean(running)} {...props}>
                    Run a scenario file…
                  </Button>
                )}
              </FileButton>
            </>
          )
        }
      />
      {uploadError && (
        <Alert color="red" title="The scenario file was not accepted" mb="md" withCloseButton onClose={() => setUploadError(null)}>
          {uploadError}
        </Alert>
      )}
      {running && <RunningDrill drill={running} mayRun={mayRun} />}

      <Title order={2} fz="lg" mt="lg" mb="sm">
        Scenarios
      </Title>
      {scenarios.isError ? (
        <LoadError error={scenarios.error} onRetry={() => void scenarios.refetch()} />
      ) : !scenarios.data ? (
        <TableSkeleton rows={3} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
          {scenarios.data.map((s) => (
            <ScenarioCard key={s.key} scenario={s} canRun={mayRun && !running} speed={speed} onRun={() => run({ scenario: s.key })} />
          ))}
        </SimpleGrid>
      )}

      {drills.data && drills.data.history.length > 0 && (
        <>
          <Title order={2} fz="lg" mt="xl" mb="sm">
            History
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
            {drills.data.history.map((h) => (
              <Card key={h.scenarioName} withBorder>
                <Text fw={600} mb={4}>
                  {h.scenarioName}
                </Text>
                <HistoryChart history={h} />
              </Card>
            ))}
          </SimpleGrid>
        </>
      )}

      <Title order={2} fz="lg" mt="xl" mb="sm">
        Past drills
      </Title>
      {drills.isError ? (
        <LoadError error={drills.error} onRetry={() => void drills.refetch()} />
      ) : !drills.data ? (
        <TableSkeleton rows={3} />
      ) : drills.data.runs.length === 0 ? (
        <Text c="dimmed">No drill has been run yet.</Text>
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Started</Table.Th>
              <Table.Th>Scenario</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Score</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {drills.data.runs.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/drills/${r.id}`}>
                    {new Date(r.startedAt).toLocaleString()}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.scenarioName}</Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                </Table.Td>
                <Table.Td>{r.status === 'finished' && r.report ? r.report.score : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
};

export const StatusBadge = ({ status }: { status: DrillRunView['status'] }) => (
  <Badge color={status === 'running' ? 'orange' : status === 'finished' ? 'teal' : 'gray'} c="dark.7" variant="light">
    {status}
  </Badge>
);

const ScenarioCard = ({ scenario: s, canRun, speed, onRun }: { scenario: ScenarioSummary; canRun: boolean; speed: number; onRun: () => Promise<void> }) => (
  <Card withBorder padding="md" data-scenario={s.key}>
    <Stack gap={6} h="100%">
      <Title order={3} fz="md">
        {s.name}
      </Title>
      <Group gap={6}>
        {s.channels.map((c) => (
          <Badge key={c} variant="outline" size="sm" c="blue.9">
            {c}
          </Badge>
        ))}
        <Text fz="xs" c="dimmed">
          {s.mentions} mentions over {s.durationMinutes} min
        </Text>
      </Group>
      <Text fz="sm">{s.description}</Text>
      <Text fz="xs" fw={600} c="dimmed" tt="uppercase" mt={4}>
        Expected of the team
      </Text>
      <Expectations expected={s.expected} />
      <Group mt="auto" pt="sm">
        <ConfirmButton
          disabled={!canRun}
          color="#9c3d00"
          title={`Run the drill "${s.name}"?`}
          message={`Its ${s.mentions} mentions will arrive in the live inbox, marked DRILL, ${speed === 1 ? 'in real time' : `${speed}× faster than real time`}. Everyone sees a DRILL banner until it ends. Nothing is sent outside Lookout.`}
          confirmLabel="Run drill"
          onConfirm={onRun}
        >
          Run drill
        </ConfirmButton>
      </Group>
    </Stack>
  </Card>
);

const RunningDrill = ({ drill, mayRun }: { drill: DrillRunView; mayRun: boolean }) => {
  const finish = useFinishDrill();
  const cancel = useCancelDrill();
  return (
    <Card withBorder padding="md" bg="orange.0" data-running-drill="">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Text fw={700}>
            Running: <Anchor component={Link} to={`/drills/${drill.id}`}>{drill.scenarioName}</Anchor>
          </Text>
          <Text fz="sm" c="gray.8">
            {drill.injected} of {drill.total} mentions injected · speed {drill.speed}× · finishes by itself at {new Date(drill.autoFinishAt).toLocaleTimeString()}
          </Text>
        </div>
        {mayRun && (
          <Group gap="xs">
            <Button
              onClick={() => finish.mutate(drill.id, { onError: (e) => notifications.show({ color: 'red', title: 'Not finished', message: messageOf(e) }) })}
              loading={finish.isPending}
            >
              Finish and score
            </Button>
            <ConfirmButton variant="default" title="Cancel the drill?" message="It stops with no report. Its mentions stay, marked DRILL." confirmLabel="Cancel drill" onConfirm={() => cancel.mutateAsync(drill.id)}>
              Cancel
            </ConfirmButton>
          </Group>
        )}
      </Group>
      <Progress value={(100 * drill.injected) / Math.max(1, drill.total)} mt="sm" color="orange" aria-label="Mentions injected" />
    </Card>
  );
};
