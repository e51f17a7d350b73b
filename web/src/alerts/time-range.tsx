import { Group, TextInput } from '@mantine/core';

/** From–to clock times (24 h) in the workspace's time zone: a rule's hours, quiet hours. */
export const TimeRange = ({ label, value, onChange, error }: { label: string; value: { from: string; to: string }; onChange: (v: { from: string; to: string }) => void; error?: string }) => (
  <Group gap="xs" align="flex-start">
    <TextInput type="time" label={`${label} from`} value={value.from} onChange={(e) => onChange({ ...value, from: e.currentTarget.value })} error={error} w={130} />
    <TextInput type="time" label={`${label} to`} value={value.to} onChange={(e) => onChange({ ...value, to: e.currentTarget.value })} w={130} />
  </Group>
);
