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

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** "assigned it to Sam and routed it to Billing": events carry ids, the page knows the names. */
const describeAssignment = (who: string, d: Record<string, unknown>, names: ReadonlyMap<string, string>): string => {
  const name = (v: unknown, fallback: string) => str(v) && (names.get(str(v)!) ?? fallback);
  const parts: string[] = [];
  const memberChanged = 'previousAssigneeId' in d ? d.assigneeId !== d.previousAssigneeId : true;
  const teamChanged = 'previousTeamId' in d && d.teamId !== d.previousTeamId;
  if (memberChanged) parts.push(d.assigneeId ? `assigned it to ${str(d.assigneeName) ?? name(d.assigneeId, 'a member')}` : 'unassigned it');
  if (teamChanged) parts.push(d.teamId ? `routed it to ${str(d.teamName) ?? name(d.teamId, 'a team')}` : 'took it off its team');
  if (!parts.length) parts.push(`assigned it to ${str(d.assigneeName) ?? str(d.teamName) ?? (d.assigneeId ? 'a member' : 'nobody')}`);
  return `${who} ${parts.join(' and ')}`;
};

/** A sentence for a timeline event; unknown types still read sensibly. */
const describeEvent = (e: NonNullable<TimelineItem['event']>, names: ReadonlyMap<string, string>): string => {
  const who = e.actor.name ?? (e.actor.type === 'system' ? 'Lookout' : e.actor.type);
  const d = e.data;
  switch (e.type) {
    case 'status_changed':
      return `${who} changed the status to ${statusLabel(str(d.to) ?? str(d.status) ?? '?')}`;
    case 'assigned':
      return describeAssignment(who, d, names);
    case 'tags_changed': {
      const added = list(d.added);
      const removed = list(d.removed);
      const parts = [added.length ? `tagged it ${added.join(', ')}` : '', removed.length ? `removed the tag${removed.length > 1 ? 's' : ''} ${removed.join(', ')}` : ''].filter(Boolean);
      return `${who} ${parts.join(' and ') || 'changed the tags'}`;
    }
    case 'snoozed':
      return `${who} snoozed it${str(d.until) ? ` until ${formatDateTime(str(d.until))}` : ''}`;
    case 'unsnoozed':
      return `${who} unsnoozed it`;
    case 'rules.fired':
    case 'rules_fired': {
      const names = Array.isArray(d.rules) ? d.rules.map((r) => str((r as { ruleName?: unknown }).ruleName)).filter(Boolean) : [];
      return names.length ? `Rules fired: ${names.join(', ')}` : 'Routing rules ran';
    }
    case 'reply_queued':
      return d.state === 'awaiting_approval' ? `${who} wrote a ${str(d.visibility) ?? ''} reply; it awaits a supervisor's approval` : `${who} queued a ${str(d.visibility) ?? ''} reply`;
    case 'reply_sent':
      return 'The reply was sent';
    case 'reply_failed':
      return `The reply failed${str(d.reason) ?? str(d.error) ? `: ${str(d.reason) ?? str(d.error)}` : ''}`;
    case 'reply_approved':
      return `${who} approved the reply${d.edited ? ' with edits' : ''}`;
    case 'reply_rejected':
      return `${who} rejected the reply${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
    case 'reply_retried':
      return `${who} sent the failed reply again`;
    case 'moved_private':
      return d.path === 'webchat'
        ? `${who} moved the conversation to private (secure chat link): a public invitation with the link and the chat's opening message`
        : `${who} moved the conversation to private (${d.path === 'email' ? 'email' : 'direct message'}): a public invitation and a private message`;
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
            {m.visibility === 'private' ? ' · private' : isOut ? ' · public' : ''}
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
      {m.outboxState === 'awaiting_approval' && (
        <Text fz="xs" c="grape.9" mt={6} data-testid="awaiting-approval">
          Held for a supervisor's approval before it leaves
        </Text>
      )}
      {m.outboxState === 'rejected' && (
        <Text fz="xs" c="red.8" fw={600} mt={6}>
          Not sent: {m.outboxError?.replace(/^rejected: /, 'rejected by a supervisor: ') ?? 'rejected'}
        </Text>
      )}
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

const NO_NAMES: ReadonlyMap<string, string> = new Map();

export const Timeline = ({
  items,
  canRetry,
  onRetry,
  retrying,
  names = NO_NAMES,
}: {
  items: TimelineItem[];
  canRetry: boolean;
  onRetry: (id: string) => void;
  retrying: boolean;
  /** Members' and teams' names by id, for events that record only ids. */
  names?: ReadonlyMap<string, string>;
}) => (
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
              {describeEvent(item.event, names)}
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
