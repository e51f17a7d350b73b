import { Button, Group, Modal, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCreateTeam, useUpdateTeam } from '../api/resources.ts';
import type { Member, Team } from '../api/types.ts';
import { FormAlert } from '../components/form-alert.tsx';
import { rules, useForm } from '../forms/use-form.ts';

type Assignment = 'round_robin' | 'least_loaded' | 'manual';

export const ASSIGNMENT_LABELS: Record<string, string> = {
  round_robin: 'Round robin',
  least_loaded: 'Least loaded',
  manual: 'Manual',
};

interface TeamFields extends Record<string, unknown> {
  name: string;
  assignment: Assignment;
  memberIds: string[];
}

/** Create a team (no team given) or edit its name, assignment mode and members. */
export const TeamFormModal = ({ team, members, opened, onClose, onExited }: { team?: Team; members: Member[]; opened: boolean; onClose: () => void; onExited?: () => void }) => {
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const isNew = !team;
  const form = useForm<TeamFields, Team>({
    initial: { name: team?.name ?? '', assignment: (team?.assignment as Assignment | undefined) ?? 'round_robin', memberIds: team?.memberIds ?? [] },
    validate: (v) => ({ name: rules.required(v.name, 'Name') ?? rules.maxLength(v.name, 200, 'The name') }),
    submit: (v) => {
      const body = { name: v.name.trim(), assignment: v.assignment, memberIds: v.memberIds };
      return isNew ? create.mutateAsync(body) : update.mutateAsync({ id: team.id, patch: body });
    },
    onSuccess: (t) => {
      notifications.show({ message: isNew ? `Team ${t.name} was created` : `Team ${t.name} was saved`, color: 'teal' });
      onClose();
    },
  });
  // Deactivated members stay listed while they are still in the team, so saving does not drop them silently.
  const options = members.filter((m) => m.isActive || form.values.memberIds.includes(m.id)).map((m) => ({ value: m.id, label: m.isActive ? m.name : `${m.name} (deactivated)` }));

  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={isNew ? 'Create a team' : `Edit ${team.name}`}>
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label={isNew ? 'Create a team' : 'Edit team'}>
        <Stack gap="sm">
          <FormAlert message={form.formError} />
          <TextInput label="Name" required data-autofocus {...form.text('name')} />
          <Select
            label="Assignment"
            description="How new conversations for this team find an agent"
            data={Object.entries(ASSIGNMENT_LABELS).map(([value, label]) => ({ value, label }))}
            {...form.pick('assignment')}
            onChange={(v) => v && form.setField('assignment', v as Assignment)}
          />
          <MultiSelect label="Members" placeholder="Pick members" searchable data={options} hidePickedOptions {...form.pick('memberIds')} />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {isNew ? 'Create team' : 'Save changes'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
