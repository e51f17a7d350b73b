import { Badge, Box, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { MessageView, TimelineItem } from '@contracts';
import { formatAgo, formatDateTime } from '../components/format.ts';
import { CHANNEL_COLORS, channelKindLabel, formatFollowers, statusLabel } from '../inbox/index.ts';

/** The customer's history, oldest first: messages as cards, events as one-line entries. */

const OUTBOX: Record<string, { label: string; color: string }> = {
  awaiting_approval: { label: 'Awaiting approval', color: 'grape' },
  queued: { label: 'Queued', color: 'blue' },
  sending: { label: 'Sending', color: 'blue' },
  sent: { label: 'Sent', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  rejected: { label: 'Rejected', color: 'red' },
};

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** A sentence for a timeline event; unknown types still read sensibly. */
const describeEvent = (e: NonNullable<TimelineItem['event']>): string => {
  const who = e.actor.name ?? (e.actor.type === 'system' ? 'Lookout' : e.actor.type);
  const d = e.data;
  switch (e.type) {
    case 'status_changed':
      return `${who} changed the status to ${statusLabel(str(d.to) ?? str(d.status) ?? '?')}`;
    case 'assigned':
      return `${who} assigned it to ${str(d.assigneeName) ?? str(d.teamName) ?? (d.assigneeId ? 'a member' : 'nobody')}`;
    case 'rules.fired':
    case 'rules_fired': {
      const names = Array.isArray(d.rules) ? d.rules.map((r) => str((r as { ruleName?: unknown }).ruleName)).filter(Boolean) : [];
      return names.length ? `Rules fired: ${names.join(', ')}` : 'Routing rules ran';
    }
    case 'reply_queued':
      return `${who} queued a reply`;
    case 'reply_sent':
      return 'The reply was sent';
    case 'reply_failed':
      return `The reply failed${str(d.error) ? `: ${str(d.error)}` : ''}`;
    case 'note_added':
      return `${who} added a note`;
    default:
      return `${e.type.replace(/[._]/g, ' ')}${e.actor.name ? ` · ${e.actor.name}` : ''}`;
  }
};

const MessageCard = ({ m, faded, canRetry, onRetry, retrying }: { m: MessageView; faded: boolean; canRetry: boolean; onRetry: (id: string) => void; retrying: boolean }) => {
  const isNote = m.direction === 'note';
  const isOut = m.direction === 'outbound';
  const a = m.author;
  const who = a?.type === 'member' ? (a.name ?? 'A member') : (a?.displayName ?? a?.handle ?? 'Customer');
  const state = m.outboxState ? OUTBOX[m.outboxState] : null;
  const followers = a?.type === 'identity' ? formatFollowers(a.followers) : null;
  return (
    <Paper
      component="article"
      aria-label={`${isNote ? 'Note' : isOut ? 'Reply' : 'Message'} from ${who}`}
      data-testid={`timeline-${m.direction}`}
      data-outbox-state={m.outboxState ?? undefined}
      withBorder
      radius="sm"
      p="sm"
      ml={isOut || isNote ? 48 : 0}
      mr={isOut || isNote ? 0 : 48}
      bg={isNote ? 'yellow.0' : isOut ? 'indigo.0' : 'white'}
      style={{ opacity: faded ? 0.7 : 1, borderColor: isNote ? 'var(--mantine-color-yellow-3)' : undefined }}
    >
      <Group gap={6} mb={4} wrap="nowrap">
        <Text fz="sm" fw={600} truncate>
          {who}
        </Text>
        {a?.type === 'identity' && a.handle && (
          <Text fz="xs" c="dimmed">
            @{a.handle}
            {followers ? ` · ${followers}` : ''}
          </Text>
        )}
        {isNote && (
          <Badge size="xs" radius="sm" color="yellow" c="yellow.9" variant="light" tt="none">
            Internal note
          </Badge>
        )}
        {!isNote && m.channel && (
          <Badge size="xs" radius="sm" variant="light" color={CHANNEL_COLORS[m.channel.kind] ?? 'gray'} c="dark.7" tt="none">
            {channelKindLabel(m.channel.kind)}
            {m.visibility === 'private' ? ' · private' : ''}
          </Badge>
        )}
        {state && (
          <Badge size="xs" radius="sm" variant={m.outboxState === 'failed' ? 'filled' : 'light'} color={m.outboxState === 'failed' ? 'red.9' : state.color} c={m.outboxState === 'failed' ? 'white' : 'dark.8'} tt="none" data-testid="outbox-state">
            {state.label}
          </Badge>
        )}
        <Text fz="xs" c="dimmed" ml="auto" title={formatDateTime(m.createdAt)} style={{ whiteSpace: 'nowrap' }}>
          {formatAgo(m.createdAt)}
        </Text>
      </Group>
      {/* Customer text is rendered as text: React escapes it, nothing is parsed as HTML. */}
      <Text fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="message-body">
        {m.body}
      </Text>
      {m.outboxState === 'failed' && (
        <Group gap="xs" mt={6} role="alert">
          <Text fz="xs" c="red.8" fw={600}>
            Not sent: {m.outboxError ?? 'the channel refused it'}
            {m.outboxAttempts > 1 ? ` (after ${m.outboxAttempts} attempts)` : ''}
          </Text>
          {canRetry && (
            <Button size="compact-xs" variant="light" color="red" loading={retrying} onClick={() => onRetry(m.id)}>
              Retry
            </Button>
          )}
        </Group>
      )}
    </Paper>
  );
};

export const Timeline = ({ items, canRetry, onRetry, retrying }: { items: TimelineItem[]; canRetry: boolean; onRetry: (id: string) => void; retrying: boolean }) => (
  <Stack gap={8} component="ol" aria-label="Timeline" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="timeline">
    {items.map((item, i) => (
      <Box component="li" key={item.message?.id ?? item.event?.id ?? i}>
        {item.message ? (
          <>
            {!item.isThisConversation && (
              <Text fz="xs" c="dimmed" mb={2}>
                From another conversation with this customer
              </Text>
            )}
            <MessageCard m={item.message} faded={!item.isThisConversation} canRetry={canRetry} onRetry={onRetry} retrying={retrying} />
          </>
        ) : item.event ? (
          <Group gap={8} px="sm" wrap="nowrap" data-testid="timeline-event">
            <Box w={6} h={6} bg="gray.5" style={{ borderRadius: 6, flexShrink: 0 }} aria-hidden="true" />
            <Text fz="xs" c="gray.7">
              {describeEvent(item.event)}
            </Text>
            <Text fz="xs" c="dimmed" title={formatDateTime(item.at)} style={{ whiteSpace: 'nowrap' }}>
              · {formatAgo(item.at)}
            </Text>
          </Group>
        ) : null}
      </Box>
    ))}
  </Stack>
);
