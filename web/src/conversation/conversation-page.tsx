import { useRef, useState } from 'react';
import { Anchor, Badge, Box, Button, Grid, Group, Select, Skeleton, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router-dom';
import { messageOf } from '../api/client.ts';
import { useMembers } from '../api/resources.ts';
import { can, useSignedIn } from '../api/session.ts';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { CHANNEL_COLORS, channelKindLabel, statusLabel, useLiveConversations } from '../inbox/index.ts';
import { useChannelKinds, useConversation, useRetryMessage, useUpdateConversation } from './api.ts';
import { Composer, type ComposerMode } from './composer.tsx';
import { Timeline } from './timeline.tsx';
import { TriagePanel } from './triage-panel.tsx';

/**
 * One conversation: the customer's timeline, the triage explanation, the composer, status and
 * assignee. Keyboard: r reply, n note, e resolve.
 */
export const ConversationPage = () => {
  useLiveConversations();
  const { id = '' } = useParams();
  const session = useSignedIn();
  const conversation = useConversation(id);
  const kinds = useChannelKinds();
  const members = useMembers();
  const update = useUpdateConversation(id);
  const retry = useRetryMessage(id);
  const canWrite = can(session, 'conversations:write');
  const canReply = can(session, 'conversations:reply');
  const [mode, setMode] = useState<ComposerMode>(canReply ? 'reply' : 'note');
  const composer = useRef<HTMLTextAreaElement>(null);
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
  useHotkeys([
    ['r', () => focusComposer('reply'), { preventDefault: true }],
    ['n', () => focusComposer('note'), { preventDefault: true }],
    ['e', resolve],
  ]);

  if (conversation.isError) return <LoadError error={conversation.error} onRetry={() => void conversation.refetch()} />;
  if (!c) return <Skeleton h={400} radius="sm" />;

  const kind = kinds.data?.find((k) => k.kind === c.channel?.kind);
  const firstInbound = c.timeline.find((t) => t.isThisConversation && t.message?.direction === 'inbound')?.message;
  const handle = firstInbound?.author?.handle;
  const title = c.subject ?? c.customer?.name ?? (handle ? `@${handle}` : 'Conversation');
  const statuses = [...new Set([c.status, ...c.allowedStatuses])].map((s) => ({ value: s, label: statusLabel(s) }));
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
            {handle && <span>· @{handle}</span>}
            <span>· {statusLabel(c.status)}</span>
            {c.team && <span>· {c.team.name}</span>}
          </Group>
        }
        actions={
          canWrite ? (
            <>
              <Select size="xs" w={180} aria-label="Status" data={statuses} value={c.status} allowDeselect={false} onChange={(v) => v && v !== c.status && void change({ status: v as never }, `Status: ${statusLabel(v)}`)} />
              <Select
                size="xs"
                w={180}
                aria-label="Assignee"
                placeholder="Unassigned"
                data={assignees}
                value={c.assignee?.id ?? null}
                clearable
                searchable
                onChange={(v) => void change({ assigneeId: v }, v ? `Assigned to ${assignees.find((a) => a.value === v)?.label}` : 'Unassigned')}
              />
              <Button size="xs" onClick={resolve} disabled={c.status === 'resolved' || !c.allowedStatuses.includes('resolved')} loading={update.isPending}>
                Resolve
              </Button>
            </>
          ) : (
            <Text fz="sm" c="dimmed">
              {c.assignee ? `Assigned to ${c.assignee.name}` : 'Unassigned'} · read only
            </Text>
          )
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Timeline items={c.timeline} canRetry={canReply} onRetry={(mid) => retry.mutate(mid, { onError: (e) => notifications.show({ message: messageOf(e), color: 'red', closeButtonProps: { 'aria-label': 'Dismiss' } }) })} retrying={retry.isPending} />
          <Box mt="md">
            {canWrite ? (
              <Composer
                ref={composer}
                conversationId={c.id}
                mode={mode}
                onModeChange={setMode}
                canReply={canReply && kind?.canSend !== false}
                channelKind={c.channel?.kind ?? null}
                maxLength={kind?.maxLength ?? null}
                canThread={kind?.canThread ?? false}
              />
            ) : (
              <Text fz="sm" c="dimmed" data-testid="read-only-note">
                Your role can read conversations but not reply or change them.
              </Text>
            )}
          </Box>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TriagePanel c={c} />
        </Grid.Col>
      </Grid>
    </>
  );
};
