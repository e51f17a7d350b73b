import { Button, Group, Text } from '@mantine/core';

export const OUTREACH_VARIABLES = ['customer.name', 'customer.handle', 'incident.title'] as const;

/** Inserts a variable into the message being written. */
export const VariableButtons = ({ onInsert }: { onInsert: (text: string) => void }) => (
  <Group gap={6} aria-label="Insert a variable" role="group">
    <Text fz="xs" c="dimmed">
      Insert:
    </Text>
    {OUTREACH_VARIABLES.map((v) => (
      <Button key={v} size="compact-xs" variant="light" onClick={() => onInsert(`{{${v}}}`)}>
        {`{{${v}}}`}
      </Button>
    ))}
  </Group>
);
