import { Badge, Box, Button, Group, Stack, Table, Text } from '@mantine/core';
import { can, useSignedIn } from '../api/session.ts';
import { useMembers, useUpdateMember } from '../api/resources.ts';
import type { Member } from '../api/types.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { formatAgo } from '../components/format.ts';
import { PlusIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { RoleBadge } from '../components/role-badge.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useDialog } from '../components/use-dialog.ts';
import { MemberFormModal } from './member-form.tsx';

const AVAILABILITY: Record<string, { color: string; label: string }> = {
  online: { color: 'var(--mantine-color-teal-6)', label: 'Online' },
  away: { color: 'var(--mantine-color-yellow-6)', label: 'Away' },
  offline: { color: 'var(--mantine-color-gray-5)', label: 'Offline' },
};

export const MembersPage = () => {
  const session = useSignedIn();
  const members = useMembers();
  const update = useUpdateMember();
  const canManage = can(session, 'members:manage');
  const invite = useDialog();
  const edit = useDialog<Member>();

  const rows = [...(members.data ?? [])].sort((a, b) => Number(b.isActive) - Number(a.isActive) || a.name.localeCompare(b.name));

  return (
    <>
      <PageHeader
        title="Members"
        description="The people who work in this workspace and what their role lets them do."
        actions={
          canManage && (
            <Button leftSection={<PlusIcon size={16} />} onClick={() => invite.open(true)}>
              Invite member
            </Button>
          )
        }
      />
      {members.isError ? (
        <LoadError error={members.error} onRetry={() => void members.refetch()} />
      ) : !members.data ? (
        <TableSkeleton columns={6} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover striped={false} withTableBorder aria-label="Members">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>Member</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Persona</Table.Th>
                <Table.Th ta="right">Capacity</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Last seen</Table.Th>
                {canManage && (
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((m) => (
                <Table.Tr key={m.id} data-member={m.email} opacity={m.isActive ? 1 : 0.75}>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text fz="sm" fw={500}>
                        {m.name}
                        {m.id === session.member?.id && (
                          <Text span c="dimmed" fz="xs" ml={6}>
                            (you)
                          </Text>
                        )}
                      </Text>
                      <Text fz="xs" c="dimmed">
                        {m.email}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <RoleBadge role={m.role} size="sm" />
                  </Table.Td>
                  <Table.Td>{m.persona ? <span className="mono">{m.persona}</span> : <Text span c="dimmed" fz="sm">—</Text>}</Table.Td>
                  <Table.Td ta="right">{m.capacity}</Table.Td>
                  <Table.Td>
                    {m.isActive ? (
                      <Group gap={6} wrap="nowrap">
                        <Box w={8} h={8} style={{ borderRadius: 8, background: AVAILABILITY[m.availability]?.color ?? 'gray' }} aria-hidden="true" />
                        <Text fz="sm">{AVAILABILITY[m.availability]?.label ?? m.availability}</Text>
                      </Group>
                    ) : (
                      <Badge color="gray" variant="outline" c="gray.8" size="sm" tt="none">
                        Deactivated
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" c="dimmed">
                      {formatAgo(m.lastSeenAt)}
                    </Text>
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-sm" variant="subtle" color="gray" onClick={() => edit.open(m)} aria-label={`Edit ${m.name}`}>
                          Edit
                        </Button>
                        {m.isActive ? (
                          <ConfirmButton
                            size="compact-sm"
                            variant="subtle"
                            color="gray"
                            aria-label={`Deactivate ${m.name}`}
                            title={`Deactivate ${m.name}?`}
                            message="They are signed out and can no longer sign in. Their conversations and history stay. You can reactivate them later."
                            confirmLabel="Deactivate"
                            successMessage={`${m.name} was deactivated`}
                            onConfirm={() => update.mutateAsync({ id: m.id, patch: { isActive: false } })}
                          >
                            Deactivate
                          </ConfirmButton>
                        ) : (
                          <Button size="compact-sm" variant="subtle" onClick={() => update.mutate({ id: m.id, patch: { isActive: true } })} aria-label={`Reactivate ${m.name}`}>
                            Reactivate
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <MemberFormModal key={`invite-${invite.key}`} opened={invite.opened} onClose={invite.close} onExited={invite.onExited} />
      {edit.subject && <MemberFormModal key={`edit-${edit.key}`} member={edit.subject} opened={edit.opened} onClose={edit.close} onExited={edit.onExited} />}
    </>
  );
};
