import { Badge, List, Text, Tooltip } from '@mantine/core';
import { priorityBand } from './format.ts';

/**
 * The priority with why: the triage reasons show on hover and keyboard focus, and are in the
 * accessible text so a screen reader hears them with the number.
 */
export const PriorityBadge = ({ priority, reasons }: { priority: number; reasons: readonly string[] }) => {
  const band = priorityBand(priority);
  const tip = (
    <div>
      <Text fz="xs" fw={700} mb={4}>
        Priority {priority} · {band.label}
      </Text>
      {reasons.length ? (
        <List size="xs" spacing={2} c="white">
          {reasons.map((r) => (
            <List.Item key={r}>{r}</List.Item>
          ))}
        </List>
      ) : (
        <Text fz="xs">No triage reasons recorded</Text>
      )}
    </div>
  );
  return (
    <Tooltip label={tip} withArrow multiline w={240} position="left" events={{ hover: true, focus: true, touch: true }}>
      <Badge
        component="span"
        tabIndex={0}
        variant="light"
        color={band.color}
        c="dark.8"
        size="md"
        radius="sm"
        w={44}
        data-testid="priority"
        style={{ fontVariantNumeric: 'tabular-nums', cursor: 'help' }}
      >
        {priority}
        <span className="visually-hidden">
          {' '}
          priority, {band.label}. Why: {reasons.join('; ') || 'no reasons recorded'}
        </span>
      </Badge>
    </Tooltip>
  );
};
