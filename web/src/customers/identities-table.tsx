import { Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import type { Customer360 } from '@contracts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { formatDateTime } from '../components/format.ts';
import { CHANNEL_COLORS, channelKindLabel, formatFollowers } from '../inbox/index.ts';
import { useUnlinkIdentity } from './api.ts';
import { percent } from './merge-dialog.tsx';

/** Only http(s) links are followed: a profile URL comes from a network and could be anything. */
const safeUrl = (u: string | null): string | null => (u && /^https?:\/\//i.test(u) ? u : null);

/**
 * The customer on every network: handle, reach, and how sure Lookout is that the identity is
 * theirs (confidence and reason of the link, or the merge that brought it). Unlinking splits the
 * identity off into a new customer; the merge history can put it back.
 */
export const IdentitiesTable = ({ customer, canWrite }: { customer: Customer360; canWrite: boolean }) => {
  const unlink = useUnlinkIdentity(customer.id);
  if (!customer.identities.length) return <Text fz="sm" c="dimmed">No identity is linked to this customer.</Text>;
  return (
    <Table.ScrollContainer minWidth={620}>
      <Table verticalSpacing={6} fz="sm" aria-label="Identities" data-testid="identities">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Channel</Table.Th>
            <Table.Th>Identity</Table.Th>
            <Table.Th ta="right">Reach</Table.Th>
            <Table.Th>Linked because</Table.Th>
            {canWrite && <Table.Th aria-label="Actions" />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {customer.identities.map((i) => {
            const url = safeUrl(i.profileUrl);
            const handle = i.channelKind === 'email' ? i.handle : `@${i.handle}`;
            return (
              <Table.Tr key={i.id} data-identity={i.handle}>
                <Table.Td>
                  <Badge size="sm" radius="sm" variant="light" color={CHANNEL_COLORS[i.channelKind] ?? 'gray'} c="dark.7" tt="none">
                    {channelKindLabel(i.channelKind)}
                  </Badge>
                </Table.Td>
                <Table.Td maw={260}>
                  <Group gap={6} wrap="nowrap">
                    {url ? (
                      <Anchor href={url} target="_blank" rel="noopener noreferrer nofollow" fz="sm" fw={600} c="indigo.9" truncate="end">
                        {handle}
                      </Anchor>
                    ) : (
                      <Text fz="sm" fw={600} truncate="end">
                        {handle}
                      </Text>
                    )}
                    {i.verified && (
                      <Badge size="xs" variant="light" color="blue" c="blue.9" tt="none">
                        verified
                      </Badge>
                    )}
                  </Group>
                  {i.displayName && (
                    <Text fz="xs" c="dimmed" truncate="end">
                      {i.displayName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatFollowers(i.followers) ?? '—'}
                </Table.Td>
                <Table.Td>
                  <Tooltip label={`Linked by ${i.link.linkedBy} on ${formatDateTime(i.link.linkedAt)}`} withArrow>
                    <Text fz="sm" component="span" tabIndex={0}>
                      {i.movedBy ? `${i.movedBy.kind === 'merge' ? 'Merged' : 'Moved'}: ${i.movedBy.reason}` : i.link.reason}{' '}
                      <Text component="span" fz="xs" c="dimmed">
                        ({percent(i.movedBy?.confidence ?? i.link.confidence)} sure)
                      </Text>
                    </Text>
                  </Tooltip>
                </Table.Td>
                {canWrite && (
                  <Table.Td ta="right">
                    <ConfirmButton
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      c="#9b1c1c"
                      aria-label={`Unlink ${handle}`}
                      title={`Unlink ${handle}?`}
                      message={`${handle} becomes a customer of its own, taking its conversations with it. The merge history can link it back.`}
                      confirmLabel="Unlink"
                      successMessage={`${handle} was unlinked`}
                      onConfirm={() => unlink.mutateAsync({ identityId: i.id, reason: 'Not the same person' })}
                      disabled={customer.identities.length < 2}
                    >
                      Unlink
                    </ConfirmButton>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
