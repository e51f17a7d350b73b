import { Button, Menu } from '@mantine/core';
import { ChevronDownIcon } from '../components/icons.tsx';

/** When a snooze ends, from now (the browser's clock and time zone: what the agent means by "tomorrow"). */
export const snoozeChoices = (now = new Date()): { label: string; until: Date }[] => {
  const at9 = (d: Date) => {
    const x = new Date(d);
    x.setHours(9, 0, 0, 0);
    return x;
  };
  const tomorrow = at9(new Date(now.getTime() + 86_400_000));
  const monday = at9(new Date(now.getTime() + (((8 - now.getDay()) % 7 || 7) * 86_400_000)));
  return [
    { label: '1 hour', until: new Date(now.getTime() + 3_600_000) },
    { label: '4 hours', until: new Date(now.getTime() + 4 * 3_600_000) },
    { label: 'Tomorrow 9:00', until: tomorrow },
    { label: 'Next Monday 9:00', until: monday },
  ];
};

/** Snooze: the conversation leaves the queues until then, and comes back by itself. */
export const SnoozeMenu = ({ onSnooze, disabled }: { onSnooze: (until: Date, label: string) => void; disabled?: boolean }) => (
  <Menu position="bottom-start" withinPortal>
    <Menu.Target>
      <Button size="compact-sm" variant="default" rightSection={<ChevronDownIcon size={14} />} disabled={disabled}>
        Snooze
      </Button>
    </Menu.Target>
    <Menu.Dropdown>
      {snoozeChoices().map((c) => (
        <Menu.Item key={c.label} onClick={() => onSnooze(c.until, c.label)}>
          {c.label}
        </Menu.Item>
      ))}
    </Menu.Dropdown>
  </Menu>
);
