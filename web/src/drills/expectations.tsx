import { List, Text } from '@mantine/core';
import type { ScenarioExpectations } from '@contracts';

/** What a scenario expects of the team, in words. */
export const Expectations = ({ expected }: { expected: ScenarioExpectations }) => {
  const lines: string[] = [];
  if (expected.detectWithinMinutes !== undefined) lines.push(`Detect within ${expected.detectWithinMinutes} min`);
  if (expected.acknowledgeWithinMinutes !== undefined) lines.push(`Acknowledge within ${expected.acknowledgeWithinMinutes} min`);
  if (expected.publicStatementWithinMinutes !== undefined) lines.push(`Public statement within ${expected.publicStatementWithinMinutes} min`);
  for (const s of expected.alertStakeholders ?? []) lines.push(`Alert ${'role' in s ? `the ${s.role}` : s.email}`);
  for (const p of expected.playbookSteps ?? []) lines.push(`Step: ${p}`);
  if (!lines.length) return <Text fz="sm" c="dimmed">No expectations: the report only measures times.</Text>;
  return (
    <List size="sm" spacing={2}>
      {lines.map((l) => (
        <List.Item key={l}>{l}</List.Item>
      ))}
    </List>
  );
};
