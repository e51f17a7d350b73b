import { Avatar, Button, EmptyState, Group, Table, Text, Tooltip } from '@mantine/core';
import { can, useSignedIn } from '../api/session.ts';
import { useDeleteTeam, useMembers, useTeams } from '../api/resources.ts';
import type { Team } from '../api/types.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { CustomersIcon, PlusIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useDialog } from '../components/use-dialog.ts';
import { ASSIGNMENT_LABELS, TeamFormModal } from './team-form.tsx';

export const TeamsPage = () => {
  const session = useSignedIn();
  const teams = useTeams();
  const members = useMembers();
  const remove = useDeleteTeam();
  const canManage = can(session, 'members:manage');
  const dialog = useDialog<Team | 'new'>();
  const byId = new Map((members.data ?? []).map((m) => [m.id, m]));

  const create = canManage && (
    <Button leftSection={<PlusIcon size={16} />} onClick={() => dialog.open('new')}>
      Create team
    </Button>
  );

  return (
    <>
      <PageHeader title="Teams" description="Groups of members that conversations are routed to." actions={create} />
      {teams.isError ? (
        <LoadError error={teams.error} onRetry={() => void teams.refetch()} />
      ) : !teams.data ? (
        <TableSkeleton />
      ) : teams.data.length === 0 ? (
        <EmptyState icon={<CustomersIcon size={26} />} withIndicatorBackground title="No teams yet" description="Create teams such as Billing or Tier 2 so rules can route conversations to them." py="xl" />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder highlightOnHover aria-label="Teams">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>Team</Table.Th>
                <Table.Th>Assignment</Table.Th>
                <Table.Th>Members</Table.Th>
                {canManage && (
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data.map((t) => {
                const people = t.memberIds.map((id) => byId.get(id)).filter((m) => m !== undefined);
                return (
                  <Table.Tr key={t.id} data-team={t.name}>
                    <Table.Td fw={500}>{t.name}</Table.Td>
                    <Table.Td>{ASSIGNMENT_LABELS[t.assignment] ?? t.assignment}</Table.Td>
                    <Table.Td>
                      {people.length === 0 ? (
                        <Text fz="sm" c="dimmed">
                          No members
                        </Text>
                      ) : (
                        <Group gap={8} wrap="nowrap">
                          <Avatar.Group spacing={6}>
                            {people.slice(0, 5).map((m) => (
                              <Tooltip key={m.id} label={m.name} withArrow>
                                <Avatar size={24} radius="xl" color="indigo" variant="light" c="indigo.9">
                                  {m.name.slice(0, 1).toUpperCase()}
                                </Avatar>
                              </Tooltip>
                            ))}
                          </Avatar.Group>
                          <Text fz="sm" truncate maw={360}>
                            {people.map((m) => m.name).join(', ')}
                          </Text>
                        </Group>
                      )}
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button size="compact-sm" variant="subtle" color="gray" onClick={() => dialog.open(t)} aria-label={`Edit team ${t.name}`}>
                            Edit
                          </Button>
                          <ConfirmButton
                            size="compact-sm"
                            variant="subtle"
                            color="gray"
                            aria-label={`Delete team ${t.name}`}
                            title={`Delete team ${t.name}?`}
                            message="Its members stay in the workspace; rules that route to this team will need a new target."
                            confirmLabel="Delete team"
                            successMessage={`Team ${t.name} was deleted`}
                            onConfirm={() => remove.mutateAsync(t.id)}
                          >
                            Delete
                          </ConfirmButton>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog.subject && (
        <TeamFormModal key={dialog.key} team={dialog.subject === 'new' ? undefined : dialog.subject} members={members.data ?? []} opened={dialog.opened} onClose={dialog.close} onExited={dialog.onExited} />
      )}
    </>
  );
};
