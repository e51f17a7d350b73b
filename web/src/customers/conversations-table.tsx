import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { CustomerConversationView } from '@contracts';
import { formatAgo, formatDateTime } from '../components/format.ts';
import { CHANNEL_COLORS, channelKindLabel, statusLabel } from '../inbox/index.ts';

const duration = (s: number): string => {
  if (s < 3600) return `${Math.max(1, Math.round(s / 60))} min`;
  if (s < 172_800) return `${Math.round(s / 360) / 10} h`;
  return `${Math.round(s / 86_400)} days`;
};

/** How a conversation ended (or where it stands), in words. */
const outcome = (c: CustomerConversationView): { label: string; color: string; at: string | null } => {
  if (c.resolvedAt) return { label: 'Resolved', color: 'teal', at: c.resolvedAt };
  if (c.closedAt) return { label: 'Closed', color: 'gray', at: c.closedAt };
  if (c.relievedAt) return { label: 'Relieved (workaround given)', color: 'lime', at: c.relievedAt };
  return { label: statusLabel(c.status), color: c.status === 'pending' ? 'yellow' : 'orange', at: null };
};

const SENTIMENT_COLORS: Record<string, string> = { negative: '#9b1c1c', positive: 'teal.9', neutral: 'gray.8' };

/** Every conversation of the customer, newest first, with its outcome and the first response time. */
export const ConversationsTable = ({ conversations }: { conversations: readonly CustomerConversationView[] }) => {
  if (!conversations.length) return <Text fz="sm" c="dimmed">No conversations yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={6} fz="sm" aria-label="Conversations" data-testid="customer-conversations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Conversation</Table.Th>
            <Table.Th>Channel</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Sentiment</Table.Th>
            <Table.Th ta="right">First response</Table.Th>
            <Table.Th ta="right">Last message</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {conversations.map((c) => {
            const o = outcome(c);
            return (
              <Table.Tr key={c.id}>
                <Table.Td maw={260}>
                  <Anchor component={Link} to={`/inbox/${c.id}`} fz="sm" c="indigo.9" display="block" truncate="end">
                    {c.subject ?? `${channelKindLabel(c.channelKind)} conversation`}
                  </Anchor>
                  <Text fz="xs" c="dimmed">
                    Started {formatDateTime(c.createdAt)} · priority {c.priority}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" radius="sm" variant="light" color={CHANNEL_COLORS[c.channelKind ?? ''] ?? 'gray'} c="dark.7" tt="none">
                    {channelKindLabel(c.channelKind)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" radius="sm" variant="light" color={o.color} c="dark.8" tt="none" title={o.at ? formatDateTime(o.at) : undefined}>
                    {o.label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm" c={SENTIMENT_COLORS[c.sentiment ?? ''] ?? 'dimmed'}>
                    {c.sentiment ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {c.firstResponseSeconds !== null ? duration(c.firstResponseSeconds) : '—'}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatAgo(c.lastMessageAt)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
