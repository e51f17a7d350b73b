import { Button, Code, EmptyState, Group, Table } from '@mantine/core';
import { StatusBadge } from './status-badge.tsx';
import { can, useSignedIn } from '../api/session.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { PlusIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useDialog } from '../components/use-dialog.ts';
import { ListeningQueryModal } from './listening-query-form.tsx';
import { useChannels, useDeleteQuery, useListeningQueries, type ListeningQuery } from './settings-api.ts';

export const ListeningPage = () => {
  const session = useSignedIn();
  const queries = useListeningQueries();
  const channels = useChannels();
  const remove = useDeleteQuery();
  const canManage = can(session, 'channels:manage');
  const dialog = useDialog<ListeningQuery | 'new'>();
  const channelName = new Map((channels.data ?? []).map((c) => [c.id, c.name]));

  return (
    <>
      <PageHeader
        title="Listening queries"
        description="What Lookout listens for beyond direct mentions, on one channel or all of them."
        actions={
          canManage && (
            <Button leftSection={<PlusIcon size={16} />} onClick={() => dialog.open('new')}>
              New query
            </Button>
          )
        }
      />
      {queries.isError ? (
        <LoadError error={queries.error} onRetry={() => void queries.refetch()} />
      ) : !queries.data ? (
        <TableSkeleton />
      ) : queries.data.length === 0 ? (
        <EmptyState title="No listening queries" description="Add one such as acme AND (refund OR broken) -hiring to hear people who do not tag you." py="xl" />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder aria-label="Listening queries">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Query</Table.Th>
                <Table.Th>Channel</Table.Th>
                <Table.Th>State</Table.Th>
                {canManage && (
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queries.data.map((q) => (
                <Table.Tr key={q.id} data-query={q.name}>
                  <Table.Td fw={500}>{q.name}</Table.Td>
                  <Table.Td>
                    <Code>{q.query}</Code>
                  </Table.Td>
                  <Table.Td>{q.channelId ? (channelName.get(q.channelId) ?? 'Deleted channel') : 'All channels'}</Table.Td>
                  <Table.Td>
                    <StatusBadge color={q.isActive ? 'teal' : 'gray'}>
                      {q.isActive ? 'Active' : 'Off'}
                    </StatusBadge>
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-sm" variant="subtle" color="gray" onClick={() => dialog.open(q)} aria-label={`Edit query ${q.name}`}>
                          Edit
                        </Button>
                        <ConfirmButton
                          size="compact-sm"
                          variant="subtle"
                          color="gray"
                          aria-label={`Delete query ${q.name}`}
                          title={`Delete ${q.name}?`}
                          message="Mentions already heard stay; new ones matching only this query are no longer picked up."
                          confirmLabel="Delete query"
                          successMessage={`${q.name} was deleted`}
                          onConfirm={() => remove.mutateAsync(q.id)}
                        >
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
      {dialog.subject && (
        <ListeningQueryModal key={dialog.key} query={dialog.subject === 'new' ? undefined : dialog.subject} channels={channels.data ?? []} opened={dialog.opened} onClose={dialog.close} onExited={dialog.onExited} />
      )}
    </>
  );
};
