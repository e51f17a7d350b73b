import { useEffect, useRef, useState } from 'react';
import { Anchor, Badge, Box, Button, Grid, Group, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Link, useLocation, useParams } from 'react-router-dom';
import { messageOf } from '../api/client.ts';
import { useMembers, useTeams } from '../api/resources.ts';
import { can, useSignedIn } from '../api/session.ts';
import { formatDateTime } from '../components/format.ts';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { DrillTag } from '../drills/index.ts';
import { CHANNEL_COLORS, channelKindLabel, statusLabel, useLiveConversations } from '../inbox/index.ts';
import { SendSurveyButton, SurveyScores } from '../surveys/index.ts';
import { useChannelKinds, useConversation, useRetryMessage, useUpdateConversation } from './api.ts';
import { Composer, type ComposerMode } from './composer.tsx';
import { HandlingPanel } from './handling-panel.tsx';
import { MovePrivateDialog } from './move-private-dialog.tsx';
import { Timeline } from './timeline.tsx';
import { TriagePanel } from './triage-panel.tsx';

const isComposerMode = (v: unknown): v is ComposerMode => v === 'reply' || v === 'note';

/**
 * One conversation: the customer's timeline, the triage explanation, the composer, status,
 * assignee, team, tags, snooze and check-ins. Keyboard: r reply, n note, e resolve; the inbox's
 * r and n open the page with the composer focused in that mode (location state `compose`).
 */
export const ConversationPage = () => {
  useLiveConversations();
  const { id = '' } = useParams();
  const location = useLocation();
  const session = useSignedIn();
  const conversation = useConversation(id);
  const kinds = useChannelKinds();
  const members = useMembers();
  const teams = useTeams();
  const update = useUpdateConversation(id);
  const retry = useRetryMessage(id);
  const canWrite = can(session, 'conversations:write');
  const canReply = can(session, 'conversations:reply');
  const canReadCustomers = can(session, 'customers:read');
  const [mode, setMode] = useState<ComposerMode>(canReply ? 'reply' : 'note');
  const composer = useRef<HTMLTextAreaElement>(null);
  const [movingPrivate, setMovingPrivate] = useState(false);
  const c = conversation.data;

  const change = async (patch: Parameters<typeof update.mutateAsync>[0], done: string) => {
    try {
      await update.mutateAsync(patch);
      notifications.show({ message: done, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
    } catch (e) {
      notifications.show({ message: messageOf(e), color: 'red', closeButtonProps: { 'aria-label': 'Dismiss' } });
    }
  };
  const resolve = () => {
    if (c && canWrite && c.status !== 'resolved' && c.allowedStatuses.includes('resolved')) void change({ status: 'resolved' }, 'Conversation resolved');
  };
  const focusComposer = (m: ComposerMode) => {
    if (!canWrite) return;
    setMode(canReply ? m : 'note');
    requestAnimationFrame(() => composer.current?.focus());
  };
  // Asked for by the inbox (r/n on a row): focus the composer once the conversation is on screen.
  // Two frames later, so the shell's move of the focus to the page heading comes first.
  const composeAsked = (location.state as { compose?: unknown } | null)?.compose;
  const composedFor = useRef<string | null>(null);
  const loaded = Boolean(c);
  useEffect(() => {
    if (!loaded || !isComposerMode(composeAsked) || composedFor.current === `${id}:${location.key}`) return;
    composedFor.current = `${id}:${location.key}`;
    if (!canWrite) return;
    setMode(canReply ? composeAsked : 'note');
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() => composer.current?.focus());
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, [loaded, composeAsked, id, location.key, canWrite, canReply]);
  useHotkeys([
    ['r', () => focusComposer('reply'), { preventDefault: true }],
    ['n', () => focusComposer('note'), { preventDefault: true }],
    ['e', resolve],
  ]);

  if (conversation.isError) return <LoadError error={conversation.error} onRetry={() => void conversation.refetch()} />;
  if (!c) return <Skeleton h={400} radius="sm" />;

  const firstInbound = c.timeline.find((t) => t.isThisConversation && t.message?.direction === 'inbound')?.message;
  const handle = firstInbound?.author?.handle;
  const latestInbound = [...c.timeline].reverse().find((t) => t.isThisConversation && t.message?.direction === 'inbound')?.message;
  const isPublic = latestInbound ? latestInbound.visibility === 'public' : c.channel?.kind !== 'email' && c.channel?.kind !== 'webchat';
  // Moved to private on another channel (email, a secure chat link): answered where the customer last wrote privately.
  const movedChannel = !isPublic && latestInbound?.channel && latestInbound.channel.id !== c.channel?.id ? latestInbound.channel : null;
  const replyChannel = movedChannel ?? c.channel;
  const kind = kinds.data?.find((k) => k.kind === replyChannel?.kind);
  // A DM, an email or a chat is answered privately where the channel can; a public post publicly.
  const replyVisibility: 'public' | 'private' = !isPublic && (replyChannel?.kind === 'email' || replyChannel?.kind === 'webchat' || kind?.hasPrivateMessages) ? 'private' : 'public';
  const title = c.subject ?? c.customer?.name ?? (handle ? `@${handle}` : 'Conversation');
  const statuses = [...new Set([c.status, ...c.allowedStatuses])].map((s) => ({ value: s, label: statusLabel(s) }));
  const snoozed = c.snoozedUntil && new Date(c.snoozedUntil).getTime() > Date.now() ? c.snoozedUntil : null;
  const names = new Map([...(members.data ?? []).map((m) => [m.id, m.name] as const), ...(teams.data ?? []).map((t) => [t.id, t.name] as const)]);
  const assignees = (members.data ?? []).filter((m) => ['agent', 'supervisor', 'admin'].includes(m.role)).map((m) => ({ value: m.id, label: m.name }));

  return (
    <>
      <Anchor component={Link} to="/inbox" fz="xs" c="dimmed">
        ← Inbox
      </Anchor>
      <PageHeader
        title={title}
        description={
          <Group gap={6} component="span">
            <Badge size="sm" radius="sm" variant="light" color={CHANNEL_COLORS[c.channel?.kind ?? ''] ?? 'gray'} c="dark.7" tt="none">
              {channelKindLabel(c.channel?.kind)}
            </Badge>
            <span>{c.channel?.name}</span>
            {c.customer ? (
              <span>
                ·{' '}
                <Anchor component={Link} to={`/customers/${c.customer.id}`} fz="sm" c="indigo.9" underline="always" data-testid="customer-link">
                  {c.customer.name ?? (handle ? `@${handle}` : 'Customer')}
                </Anchor>
                {c.customer.name && handle ? ` @${handle}` : ''}
              </span>
            ) : (
              handle && <span>· @{handle}</span>
            )}
            <span>· {statusLabel(c.status)}</span>
            {c.team && <span>· {c.team.name}</span>}
            {snoozed && <span data-testid="snoozed-header">· snoozed until {formatDateTime(snoozed)}</span>}
            {c.isDrill && <DrillTag />}
          </Group>
        }
        actions={
          canWrite ? (
            // One row: the title and its description wrap instead of the controls.
            <Group gap="xs" wrap="nowrap">
              <Select size="xs" w={140} aria-label="Status" data={statuses} value={c.status} allowDeselect={false} onChange={(v) => v && v !== c.status && void change({ status: v as never }, `Status: ${statusLabel(v)}`)} />
              <Select
                size="xs"
                w={160}
                aria-label="Assignee"
                placeholder="Unassigned"
                data={assignees}
                value={c.assignee?.id ?? null}
                clearable
                searchable
                onChange={(v) => void change({ assigneeId: v }, v ? `Assigned to ${assignees.find((a) => a.value === v)?.label}` : 'Unassigned')}
              />
              {canReply && <SendSurveyButton conversationId={c.id} />}
              {canReply && isPublic && (
                <Button size="xs" variant="light" onClick={() => setMovingPrivate(true)}>
                  Move to private
                </Button>
              )}
              <Button size="xs" onClick={resolve} disabled={c.status === 'resolved' || !c.allowedStatuses.includes('resolved')} loading={update.isPending}>
                Resolve
              </Button>
            </Group>
          ) : (
            <Text fz="sm" c="dimmed">
              {c.assignee ? `Assigned to ${c.assignee.name}` : 'Unassigned'} · read only
            </Text>
          )
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Timeline items={c.timeline} names={names} canRetry={canReply} onRetry={(mid) => retry.mutate(mid, { onError: (e) => notifications.show({ message: messageOf(e), color: 'red', closeButtonProps: { 'aria-label': 'Dismiss' } }) })} retrying={retry.isPending} />
          <Box mt="md">
            {canWrite ? (
              <Composer
                ref={composer}
                conversationId={c.id}
                mode={mode}
                onModeChange={setMode}
                canReply={canReply && kind?.canSend !== false}
                channelKind={replyChannel?.kind ?? null}
                channelId={movedChannel?.id ?? null}
                maxLength={kind?.maxLength ?? null}
                canThread={kind?.canThread ?? false}
                visibility={replyVisibility}
              />
            ) : (
              <Text fz="sm" c="dimmed" data-testid="read-only-note">
                Your role can read conversations but not reply or change them.
              </Text>
            )}
          </Box>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="sm">
            <HandlingPanel c={c} canWrite={canWrite} onChange={change} pending={update.isPending} />
            <TriagePanel c={c} />
            {canReadCustomers && <SurveyScores conversationId={c.id} />}
          </Stack>
        </Grid.Col>
      </Grid>
      <MovePrivateDialog conversationId={c.id} opened={movingPrivate} onClose={() => setMovingPrivate(false)} />
    </>
  );
};
