import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { ApprovalView, MessageView } from '@contracts';
import { ApiError, api, messageOf } from '../api/client.ts';
import { useSignedIn } from '../api/session.ts';
import { formatAgo, formatDateTime } from '../components/format.ts';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { CHANNEL_COLORS, CONVERSATIONS_KEY, channelKindLabel, useLiveConversations } from '../inbox/index.ts';

/** Under the conversations key: the live stream's refreshes (message.awaiting_approval …) reach it. */
const APPROVALS_KEY = [...CONVERSATIONS_KEY, 'approvals'] as const;

const useApprovals = () => useQuery({ queryKey: APPROVALS_KEY, queryFn: () => api.get<ApprovalView[]>('/api/approvals') });

const useDecide = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: { id: string; action: 'approve' | 'reject'; text?: string; reason?: string }) =>
      api.post<MessageView>(`/api/approvals/${d.id}/${d.action}`, d.action === 'approve' ? (d.text ? { text: d.text } : {}) : { reason: d.reason }),
    onSettled: () => qc.invalidateQueries({ queryKey: CONVERSATIONS_KEY }),
  });
};

type Mode = 'view' | 'edit' | 'reject';

/** One held reply: read it, approve it as is, edit then approve, or reject with a reason the author sees. */
const ApprovalCard = ({ item, ownMemberId }: { item: ApprovalView; ownMemberId: string | null }) => {
  const m = item.message;
  const decide = useDecide();
  const [mode, setMode] = useState<Mode>('view');
  const [text, setText] = useState(m.body);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const own = ownMemberId !== null && m.author?.type === 'member' && m.author.id === ownMemberId;
  const author = m.author?.name ?? 'A member';
  const title = item.conversation.subject ?? item.conversation.customerName ?? 'Conversation';

  const run = async (d: Parameters<typeof decide.mutateAsync>[0], done: string) => {
    setError(null);
    try {
      await decide.mutateAsync(d);
      notifications.show({ message: done, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
    } catch (e) {
      setError(e instanceof ApiError && (e.fields.text ?? e.fields.reason) ? (e.fields.text ?? e.fields.reason)! : messageOf(e));
    }
  };

  return (
    <Paper component="article" withBorder radius="sm" p="md" aria-label={`Reply by ${author} in ${title}`} data-testid="approval">
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/inbox/${item.conversation.id}`} fw={600} fz="sm">
            {title}
          </Anchor>
          {m.channel && (
            <Badge size="xs" radius="sm" variant="light" color={CHANNEL_COLORS[m.channel.kind] ?? 'gray'} c="dark.7" tt="none">
              {channelKindLabel(m.channel.kind)} · {m.visibility}
            </Badge>
          )}
        </Group>
        <Text fz="xs" c="dimmed" title={formatDateTime(m.createdAt)}>
          {author} · {formatAgo(m.createdAt)}
        </Text>
      </Group>
      {mode === 'edit' ? (
        <Textarea aria-label="Reply text" autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} error={error} />
      ) : (
        <Text fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="approval-body">
          {m.body}
        </Text>
      )}
      {mode === 'reject' && (
        <TextInput mt="xs" label="Reason (the author sees it)" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} />
      )}
      {mode === 'view' && error && (
        <Text fz="xs" c="red.8" mt={4} role="alert">
          {error}
        </Text>
      )}
      <Group justify="flex-end" gap="xs" mt="sm">
        {own ? (
          <Text fz="xs" c="dimmed">
            Your own reply: another person decides on it.
          </Text>
        ) : mode === 'view' ? (
          <>
            <Button size="xs" variant="default" onClick={() => setMode('reject')}>
              Reject…
            </Button>
            <Button size="xs" variant="light" onClick={() => setMode('edit')}>
              Edit
            </Button>
            <Button size="xs" loading={decide.isPending} onClick={() => void run({ id: m.id, action: 'approve' }, 'Approved: the reply is on its way')}>
              Approve
            </Button>
          </>
        ) : (
          <>
            <Button size="xs" variant="default" onClick={() => { setMode('view'); setError(null); setText(m.body); }}>
              Cancel
            </Button>
            {mode === 'edit' ? (
              <Button size="xs" loading={decide.isPending} disabled={!text.trim()} onClick={() => void run({ id: m.id, action: 'approve', text: text.trim() }, 'Approved with your edits')}>
                Approve edited reply
              </Button>
            ) : (
              <Button size="xs" color="red.9" loading={decide.isPending} disabled={!reason.trim()} onClick={() => void run({ id: m.id, action: 'reject', reason: reason.trim() }, 'Rejected; the author sees why')}>
                Reject reply
              </Button>
            )}
          </>
        )}
      </Group>
    </Paper>
  );
};

/** Public replies held for a supervisor, oldest first; every decision is audited by the server. */
export const ApprovalsPage = () => {
  useLiveConversations();
  const session = useSignedIn();
  const approvals = useApprovals();
  const n = approvals.data?.length ?? 0;
  return (
    <>
      <PageHeader title="Approvals" description={approvals.data ? (n ? `${n} ${n === 1 ? 'reply waits' : 'replies wait'} for a decision, oldest first` : 'Nothing waits for approval') : 'Replies that need a supervisor before they leave'} />
      {approvals.isError ? (
        <LoadError error={approvals.error} onRetry={() => void approvals.refetch()} />
      ) : !approvals.data ? (
        <TableSkeleton rows={4} />
      ) : n === 0 ? (
        <Paper withBorder p="xl" radius="sm">
          <Text c="dimmed" ta="center">
            No reply is waiting. When the workspace or a channel rule requires approval, agents' public replies land here.
          </Text>
        </Paper>
      ) : (
        <Stack gap="sm" maw={860}>
          {approvals.data.map((a) => (
            <ApprovalCard key={a.message.id} item={a} ownMemberId={session.member?.id ?? null} />
          ))}
        </Stack>
      )}
    </>
  );
};
