import { Button, Code, EmptyState, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { messageOf } from '../api/client.ts';
import { can, useSignedIn } from '../api/session.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { PlusIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useDialog } from '../components/use-dialog.ts';
import { ChannelFormModal } from './channel-form.tsx';
import { ChannelHealthSummary, ChannelStatus, FailuresModal } from './channel-health.tsx';
import { KIND_LABELS } from './channel-kinds.ts';
import { useChannelKinds, useChannels, useCheckChannel, useDeleteChannel, useUpdateChannel, type Channel } from './settings-api.ts';

/** Where senders push to: webhooks and X's account activity get a public URL with an unguessable key. */
const pushUrlOf = (c: Channel) => (c.publicKey ? `${window.location.origin}/api/hooks/${c.kind === 'x' ? 'x/' : ''}${c.publicKey}` : null);

export const ChannelsPage = () => {
  const session = useSignedIn();
  const channels = useChannels();
  const kinds = useChannelKinds();
  const remove = useDeleteChannel();
  const check = useCheckChannel();
  const update = useUpdateChannel();
  const canManage = can(session, 'channels:manage');
  const edit = useDialog<Channel | 'new'>();
  const failures = useDialog<Channel>();

  const runCheck = async (c: Channel) => {
    try {
      const r = await check.mutateAsync(c.id);
      notifications.show({ title: r.ok ? `${c.name} is reachable` : `${c.name} failed its check`, message: r.detail ?? r.problem ?? (r.ok ? 'The connection works' : 'No detail'), color: r.ok ? 'teal' : 'red' });
    } catch (err) {
      notifications.show({ title: 'Check failed', message: messageOf(err), color: 'red' });
    }
  };
  const togglePause = async (c: Channel) => {
    try {
      await update.mutateAsync({ id: c.id, patch: { status: c.status === 'paused' ? 'active' : 'paused' } });
    } catch (err) {
      notifications.show({ title: 'Not changed', message: messageOf(err), color: 'red' });
    }
  };

  const connect = canManage && (
    <Button leftSection={<PlusIcon size={16} />} onClick={() => edit.open('new')}>
      Connect channel
    </Button>
  );

  return (
    <>
      <PageHeader title="Channels" description="Where Lookout listens and replies, and whether each is healthy." actions={connect} />
      {channels.isError ? (
        <LoadError error={channels.error} onRetry={() => void channels.refetch()} />
      ) : !channels.data ? (
        <TableSkeleton />
      ) : channels.data.length === 0 ? (
        <EmptyState title="No channels yet" description="Connect email, Bluesky, X, Mastodon, feeds, a webhook or web chat to start listening." py="xl" />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder aria-label="Channels" verticalSpacing="sm">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th w="34%">Channel</Table.Th>
                <Table.Th w={96}>Status</Table.Th>
                <Table.Th>Health</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {channels.data.map((c) => {
                const push = pushUrlOf(c);
                return (
                  <Table.Tr key={c.id} data-channel={c.name}>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text fw={600} fz="sm">
                          {c.name}
                        </Text>
                        <Text fz="xs" c="dimmed">
                          {KIND_LABELS[c.kind] ?? c.kind}
                          {c.secretNames.length > 0 && ` · credentials: ${c.secretNames.join(', ')}`}
                        </Text>
                        {push && (
                          <Text fz="xs">
                            Push URL <Code style={{ wordBreak: 'break-all' }}>{push}</Code>
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <ChannelStatus channel={c} />
                    </Table.Td>
                    <Table.Td>
                      <ChannelHealthSummary channel={c} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-sm" variant="subtle" color="gray" onClick={() => failures.open(c)} aria-label={`Failures of ${c.name}`}>
                          Failures
                        </Button>
                        {canManage && (
                          <>
                            <Button size="compact-sm" variant="subtle" color="gray" loading={check.isPending && check.variables === c.id} onClick={() => void runCheck(c)} aria-label={`Check ${c.name}`}>
                              Check
                            </Button>
                            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => void togglePause(c)} aria-label={`${c.status === 'paused' ? 'Resume' : 'Pause'} ${c.name}`}>
                              {c.status === 'paused' ? 'Resume' : 'Pause'}
                            </Button>
                            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => edit.open(c)} aria-label={`Edit ${c.name}`}>
                              Edit
                            </Button>
                            <ConfirmButton
                              size="compact-sm"
                              variant="subtle"
                              color="gray"
                              aria-label={`Delete ${c.name}`}
                              title={`Delete ${c.name}?`}
                              message="Lookout stops listening and replying here. Conversations already received stay."
                              confirmLabel="Delete channel"
                              successMessage={`${c.name} was deleted`}
                              onConfirm={() => remove.mutateAsync(c.id)}
                            >
                              Delete
                            </ConfirmButton>
                          </>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {edit.subject && (
        <ChannelFormModal key={edit.key} channel={edit.subject === 'new' ? undefined : edit.subject} kinds={kinds.data ?? []} opened={edit.opened} onClose={edit.close} onExited={edit.onExited} />
      )}
      {failures.subject && <FailuresModal key={failures.key} channel={failures.subject} opened={failures.opened} onClose={failures.close} onExited={failures.onExited} />}
    </>
  );
};
