import { Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { DrillReport, TimedScore } from '@contracts';

const minutes = (n: number | null) => (n === null ? 'never' : `${n} min`);

const Timed = ({ label, t }: { label: string; t: TimedScore }) => (
  <Paper withBorder p="sm" radius="md">
    <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
      {label}
    </Text>
    <Text fz={28} fw={700} lh={1.2}>
      {minutes(t.actualMinutes)}
    </Text>
    {t.expectedWithinMinutes !== null && (
      <Group gap={6} mt={4}>
        <Badge color={t.met ? 'teal' : 'red'} c="dark.7" variant="light">
          {t.met ? 'met' : t.lateByMinutes !== null ? `${t.lateByMinutes} min late` : 'missed'}
        </Badge>
        <Text fz="xs" c="dimmed">
          expected within {t.expectedWithinMinutes} min
        </Text>
      </Group>
    )}
  </Paper>
);

/** A drill's scores: times, stakeholders, playbook steps and the list of misses. */
export const ReportView = ({ report, live }: { report: DrillReport; live: boolean }) => (
  <Stack gap="md" data-drill-report="">
    <Group gap="sm" align="baseline">
      <Title order={2}>{live ? 'Score so far' : 'Score'}</Title>
      <Text fz={40} fw={800} data-drill-score="">
        {report.score}
      </Text>
      <Text c="dimmed">/ 100</Text>
    </Group>
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Timed label="Time to detect" t={report.detect} />
      <Timed label="Time to acknowledge" t={report.acknowledge} />
      <Timed label="First public response" t={report.publicResponse} />
    </SimpleGrid>
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <div>
        <Title order={3} fz="md" mb={6}>
          Stakeholders alerted
        </Title>
        <Table withTableBorder>
          <Table.Tbody>
            {report.stakeholders.map((s) => (
              <Table.Tr key={s.expected}>
                <Table.Td>{s.expected}</Table.Td>
                <Table.Td>{s.alerted ? <Badge color="teal" c="dark.7" variant="light">alerted</Badge> : <Badge color="red" c="dark.7" variant="light">not alerted</Badge>}</Table.Td>
                <Table.Td c="dimmed" fz="xs">
                  {s.via}
                </Table.Td>
              </Table.Tr>
            ))}
            {!report.stakeholders.length && (
              <Table.Tr>
                <Table.Td c="dimmed">No stakeholders expected</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
      <div>
        <Title order={3} fz="md" mb={6}>
          Playbook steps
        </Title>
        <Table withTableBorder>
          <Table.Tbody>
            {report.playbookSteps.map((p) => (
              <Table.Tr key={p.title}>
                <Table.Td>{p.title}</Table.Td>
                <Table.Td>{p.done ? <Badge color="teal" c="dark.7" variant="light">done after {p.doneAfterMinutes} min</Badge> : <Badge color="red" c="dark.7" variant="light">not done</Badge>}</Table.Td>
              </Table.Tr>
            ))}
            {!report.playbookSteps.length && (
              <Table.Tr>
                <Table.Td c="dimmed">No steps expected</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
    </SimpleGrid>
    <div>
      <Title order={3} fz="md" mb={6}>
        Misses
      </Title>
      {report.misses.length ? (
        <List spacing={4} data-drill-misses="">
          {report.misses.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      ) : (
        <Text c="teal.8">None: every expectation was met.</Text>
      )}
    </div>
  </Stack>
);
