import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router-dom';
import type { IncidentDetailView } from '@contracts';
import { messageOf } from '../api/client.ts';
import { useAddIncidentNote, usePostStatement, useStatementChannels, useTickStep } from './api.ts';
import { EVENT_LABELS, formatCount, formatTime } from './format.ts';

/** The parts of the incident screen below its header. */

const notify = (message: string, ok = true) => notifications.show({ message, color: ok ? 'teal' : 'red', closeButtonProps: { 'aria-label': 'Dismiss' } });

export const Section = ({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) => (
  <Paper withBorder p="md" radius="sm" component="section" aria-labelledby={id}>
    <Title order={2} fz="md" mb="sm" id={id}>
      {title}
    </Title>
    {children}
  </Paper>
);

export const Checklist = ({ detail, canManage }: { detail: IncidentDetailView; canManage: boolean }) => {
  const tick = useTickStep(detail.incident.id);
  if (!detail.checklist.length) return <Text c="dimmed" fz="sm">No checklist: give the incident a type that has a playbook.</Text>;
  return (
    <Stack gap="xs">
      {detail.checklist.map((step) => (
        <Group key={step.id} justify="space-between" wrap="nowrap" align="flex-start">
          <Checkbox
            label={step.title}
            description={step.ownerRole ? `Owner: ${step.ownerRole}` : undefined}
            checked={Boolean(step.doneAt)}
            disabled={!canManage || tick.isPending}
            onChange={(e) => {
              tick.mutateAsync({ itemId: step.id, done: e.currentTarget.checked }).catch((err: unknown) => notify(messageOf(err), false));
            }}
          />
          <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {step.doneAt ? `Done ${formatTime(step.doneAt)}` : ''}
          </Text>
        </Group>
      ))}
    </Stack>
  );
};

export const Statements = ({ detail, canManage }: { detail: IncidentDetailView; canManage: boolean }) => {
  const post = usePostStatement(detail.incident.id);
  const channels = useStatementChannels(canManage && !detail.incident.isDrill);
  const [channelId, setChannelId] = useState<string | null>(null);
  const statements = detail.playbook?.statements ?? [];
  if (!statements.length) return <Text c="dimmed" fz="sm">No pre-approved statements: the incident&apos;s playbook has none.</Text>;
  return (
    <Stack gap="sm">
      {canManage && !detail.incident.isDrill && (
        <Select
          label="Post public statements on"
          placeholder="Record only (no channel)"
          clearable
          data={(channels.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.kind})` }))}
          value={channelId}
          onChange={setChannelId}
          maw={360}
        />
      )}
      {statements.map((s) => (
        <Paper key={s.name} withBorder p="sm" radius="sm">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Group gap={6}>
                <Text fw={600} fz="sm">
                  {s.name}
                </Text>
                <Badge size="xs" variant="light" color={s.visibility === 'public' ? 'blue' : 'gray'} c="dark.7" radius="sm">
                  {s.visibility}
                </Badge>
              </Group>
              <Text fz="sm">{s.text}</Text>
            </div>
            {canManage && (
              <Button
                size="xs"
                variant="light"
                style={{ flexShrink: 0 }}
                aria-label={`Post statement ${s.name}`}
                loading={post.isPending}
                onClick={() => {
                  post
                    .mutateAsync({ statementName: s.name, ...(channelId ? { channelId } : {}) })
                    .then((r) => notify(r.messageId ? 'Statement queued for posting' : `Statement recorded${r.recordedOnly ? `: ${r.recordedOnly}` : ''}`))
                    .catch((err: unknown) => notify(messageOf(err), false));
                }}
              >
                Post
              </Button>
            )}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
};

export const LinkedMentions = ({ detail, offset, onPage }: { detail: IncidentDetailView; offset: number; onPage: (offset: number) => void }) => {
  const { items, total } = detail.mentions;
  if (!items.length) return <Text c="dimmed" fz="sm">No linked mentions yet.</Text>;
  return (
    <Stack gap="xs">
      {items.map((m) => (
        <div key={m.id}>
          <Group gap={6} fz="xs">
            <Text fz="xs" fw={600}>
              {m.author ? `@${m.author.handle}` : 'Unknown author'}
            </Text>
            {m.author?.followers ? <Text fz="xs" c="dimmed">{formatCount(m.author.followers)} followers</Text> : null}
            <Text fz="xs" c="dimmed">
              {formatTime(m.authoredAt)}
            </Text>
            {m.conversationId && (
              <Anchor component={Link} to={`/inbox/${m.conversationId}`} fz="xs">
                Open conversation
              </Anchor>
            )}
          </Group>
          <Text fz="sm" lineClamp={3}>
            {m.text}
          </Text>
        </div>
      ))}
      {total > items.length && (
        <Group gap="xs">
          <Button size="xs" variant="default" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - 25))}>
            Newer
          </Button>
          <Button size="xs" variant="default" disabled={offset + items.length >= total} onClick={() => onPage(offset + 25)}>
            Older
          </Button>
          <Text fz="xs" c="dimmed">
            {offset + 1}–{offset + items.length} of {total}
          </Text>
        </Group>
      )}
    </Stack>
  );
};

const SHOWN_CUSTOMERS = 12;

export const AffectedCustomers = ({ detail }: { detail: IncidentDetailView }) => {
  const [all, setAll] = useState(false);
  if (!detail.affectedCustomers.length) return <Text c="dimmed" fz="sm">No customers linked yet.</Text>;
  const shown = all ? detail.affectedCustomers : detail.affectedCustomers.slice(0, SHOWN_CUSTOMERS);
  return (
    <Stack gap={6}>
      <Text fz="sm" c="dimmed">
        {detail.affectedCustomers.length} customer{detail.affectedCustomers.length === 1 ? '' : 's'}
      </Text>
      {shown.map((c) => (
        <Group key={c.id} justify="space-between" wrap="nowrap">
          <Anchor component={Link} to={`/customers/${c.id}`} fz="sm">
            {c.name ?? 'Unnamed customer'}
          </Anchor>
          <Group gap={6}>
            <Text fz="xs" c="dimmed">
              {c.mentionCount} mention{c.mentionCount === 1 ? '' : 's'}
            </Text>
            {c.openConversations.map((o) => (
              <Anchor key={o.id} component={Link} to={`/inbox/${o.id}`} fz="xs">
                open: {o.subject ?? o.status}
              </Anchor>
            ))}
          </Group>
        </Group>
      ))}
      {detail.affectedCustomers.length > shown.length && (
        <Button size="xs" variant="subtle" w="fit-content" onClick={() => setAll(true)}>
          Show all {detail.affectedCustomers.length}
        </Button>
      )}
    </Stack>
  );
};

const describe = (type: string, data: Record<string, unknown>): string => {
  switch (type) {
    case 'status_changed':
      return `${String(data.from)} → ${String(data.to)}`;
    case 'severity_changed':
      return `${String(data.from)} → ${String(data.to)}`;
    case 'note':
      return String(data.text ?? '');
    case 'mentions_linked':
    case 'mentions_unlinked':
      return `${String(data.count ?? '')} mention(s)${data.reason === 'matched' ? ' matched its terms' : ''}`;
    case 'checklist_done':
    case 'checklist_undone':
      return String(data.title ?? '');
    case 'statement_posted':
      return `${data.name ? `${String(data.name)}: ` : ''}${String(data.text ?? '')}${data.recordedOnly ? ` (${String(data.recordedOnly)})` : ''}`;
    case 'playbook_applied':
      return String(data.name ?? '');
    case 'title_changed':
    case 'type_changed':
      return `${String(data.from ?? '—')} → ${String(data.to ?? '—')}`;
    case 'created':
      return String(data.title ?? '');
    default:
      return '';
  }
};

export const IncidentTimeline = ({ detail }: { detail: IncidentDetailView }) => (
  <Stack gap={8} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
    {[...detail.timeline].reverse().map((e) => (
      <li key={e.id} data-event-type={e.type}>
        <Group gap={6} wrap="nowrap" align="baseline">
          <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatTime(e.createdAt)}
          </Text>
          <Text fz="sm" fw={600}>
            {EVENT_LABELS[e.type] ?? e.type}
          </Text>
          <Text fz="xs" c="dimmed">
            {e.actorName ?? (e.actorType === 'system' ? 'Lookout' : '')}
          </Text>
        </Group>
        {describe(e.type, e.data) && <Text fz="sm">{describe(e.type, e.data)}</Text>}
      </li>
    ))}
  </Stack>
);

export const NoteComposer = ({ incidentId }: { incidentId: string }) => {
  const add = useAddIncidentNote(incidentId);
  const [text, setText] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        add
          .mutateAsync(text.trim())
          .then(() => setText(''))
          .catch((err: unknown) => notify(messageOf(err), false));
      }}
    >
      <Stack gap="xs">
        <Textarea label="Internal note" placeholder="What the team knows, decided or is waiting for" autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button type="submit" size="xs" disabled={!text.trim()} loading={add.isPending}>
            Add note
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
