import { Modal, Select, Text } from '@mantine/core';
import { useMembers, useTeams } from '../api/resources.ts';

export type AssignTarget = { assigneeId: string | null } | { teamId: string };

/** Members who can work a conversation (analysts and product only read). */
const WORKERS = new Set(['agent', 'supervisor', 'admin']);

/**
 * The assign picker (`a` in the inbox): type to find a member or a team, Enter assigns. Choosing a
 * member assigns the conversation to them; a team routes it to the team; "Unassigned" clears.
 */
export const AssignDialog = ({
  opened,
  count,
  onClose,
  onExited,
  onAssign,
}: {
  opened: boolean;
  count: number;
  onClose: () => void;
  onExited: () => void;
  onAssign: (target: AssignTarget, label: string) => void;
}) => {
  const members = useMembers();
  const teams = useTeams();
  const data = [
    { group: 'Members', items: (members.data ?? []).filter((m) => m.isActive && WORKERS.has(m.role)).map((m) => ({ value: `member:${m.id}`, label: m.name })) },
    { group: 'Teams', items: (teams.data ?? []).map((t) => ({ value: `team:${t.id}`, label: t.name })) },
    { group: 'Nobody', items: [{ value: 'none', label: 'Unassigned' }] },
  ].filter((g) => g.items.length);
  const choose = (value: string | null) => {
    if (!value) return;
    const label = data.flatMap((g) => g.items).find((i) => i.value === value)?.label ?? '';
    const [kind, id] = value.split(':');
    onAssign(kind === 'team' ? { teamId: id! } : { assigneeId: kind === 'member' ? id! : null }, label);
  };
  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={count > 1 ? `Assign ${count} conversations` : 'Assign conversation'} size="sm">
      <Select
        label="Member or team"
        placeholder="Type a name"
        data={data}
        searchable
        defaultDropdownOpened
        data-autofocus
        onChange={choose}
        nothingFoundMessage="Nobody by that name"
        comboboxProps={{ withinPortal: false }}
        maxDropdownHeight={260}
      />
      <Text fz="xs" c="dimmed" mt="xs">
        ↑ ↓ to choose, Enter to assign, Esc to cancel.
      </Text>
    </Modal>
  );
};
