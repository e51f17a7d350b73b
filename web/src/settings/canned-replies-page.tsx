import { Button, EmptyState, Group, Table, Text } from '@mantine/core';
import { can, useSignedIn } from '../api/session.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { PlusIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useDialog } from '../components/use-dialog.ts';
import { CannedReplyModal, VariableBadges } from './canned-reply-form.tsx';
import { useCannedReplies, useDeleteCanned, type CannedReply } from './settings-api.ts';

export const CannedRepliesPage = () => {
  const session = useSignedIn();
  const canManage = can(session, 'rules:manage');
  const replies = useCannedReplies();
  const remove = useDeleteCanned();
  const dialog = useDialog<CannedReply | 'new'>();
  return (
    <>
      <PageHeader
        title="Canned replies"
        description="Answers agents start from, with variables such as {{customer.name}} filled in for them."
        actions={
          canManage && (
            <Button leftSection={<PlusIcon size={16} />} onClick={() => dialog.open('new')}>
              New canned reply
            </Button>
          )
        }
      />
      {replies.isError ? (
        <LoadError error={replies.error} onRetry={() => void replies.refetch()} />
      ) : !replies.data ? (
        <TableSkeleton />
      ) : replies.data.length === 0 ? (
        <EmptyState title="No canned replies" description="Write the answers your team gives most, once." py="xl" />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder aria-label="Canned replies">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Reply</Table.Th>
                <Table.Th>Variables</Table.Th>
                {canManage && (
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {replies.data.map((r) => (
                <Table.Tr key={r.id} data-canned={r.name}>
                  <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {r.name}
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" lineClamp={2} maw={480}>
                      {r.body}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <VariableBadges variables={r.variables} />
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-sm" variant="subtle" color="gray" onClick={() => dialog.open(r)} aria-label={`Edit canned reply ${r.name}`}>
                          Edit
                        </Button>
                        <ConfirmButton size="compact-sm" variant="subtle" color="gray" aria-label={`Delete canned reply ${r.name}`} title={`Delete ${r.name}?`} message="Rules that acknowledge with it will need another reply." confirmLabel="Delete reply" successMessage={`${r.name} was deleted`} onConfirm={() => remove.mutateAsync(r.id)}>
                          Delete
                        </ConfirmButton>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog.subject && <CannedReplyModal key={dialog.key} reply={dialog.subject === 'new' ? undefined : dialog.subject} opened={dialog.opened} onClose={dialog.close} onExited={dialog.onExited} />}
    </>
  );
};
