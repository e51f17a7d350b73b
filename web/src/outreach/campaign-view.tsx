import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { OutreachCampaignView, OutreachRecipientView, RecipientState } from '@contracts';
import { messageOf } from '../api/client.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { useSendCampaign, useSetRecipients, useUpdateCampaign } from './api.ts';
import { VariableButtons } from './variable-buttons.tsx';

// Light badges in these colours keep a 4.5:1 contrast (orange and yellow do not).
const STATE_COLOR: Record<RecipientState, string> = { included: 'blue', excluded: 'gray', suppressed: 'grape', queued: 'gray', sent: 'teal', failed: 'red' };
const PATH_LABEL = { public: 'Public reply', private: 'Direct message', email: 'Email' } as const;

const Counts = ({ c }: { c: OutreachCampaignView }) => (
  <Group gap="xs" aria-label="Audience by state" role="group">
    {(['included', 'excluded', 'suppressed', 'queued', 'sent', 'failed'] as const)
      .filter((s) => c.counts[s])
      .map((s) => (
        <Badge key={s} color={STATE_COLOR[s]} variant="light" data-testid={`count-${s}`}>
          {c.counts[s]} {s}
        </Badge>
      ))}
    {Object.entries(c.channelMix).map(([kind, n]) => (
      <Badge key={kind} variant="outline" color="gray">
        {n} on {kind}
      </Badge>
    ))}
  </Group>
);

const MessageEditor = ({ c }: { c: OutreachCampaignView }) => {
  const update = useUpdateCampaign(c.id);
  const [body, setBody] = useState(c.body);
  const save = async () => {
    try {
      await update.mutateAsync({ body });
      notifications.show({ message: 'Message saved; previews updated', color: 'teal' });
    } catch (err) {
      notifications.show({ title: 'Not saved', message: messageOf(err), color: 'red' });
    }
  };
  return (
    <Stack gap={6}>
      <Textarea label="Message" autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
      <Group justify="space-between">
        <VariableButtons onInsert={(v) => setBody((b) => `${b}${v}`)} />
        <Button size="xs" variant="default" onClick={() => void save()} loading={update.isPending} disabled={body === c.body || !body.trim()}>
          Save message
        </Button>
      </Group>
    </Stack>
  );
};

const RecipientRow = ({ r, draft, onToggle, busy }: { r: OutreachRecipientView; draft: boolean; onToggle: (r: OutreachRecipientView) => void; busy: boolean }) => {
  const who = r.customerName ?? r.handle ?? 'Unknown';
  const editable = draft && (r.state === 'included' || r.state === 'excluded');
  return (
    <Table.Tr data-recipient={r.handle ?? r.customerId} data-state={r.state}>
      <Table.Td>
        {editable ? (
          <Checkbox aria-label={`Include ${who}`} checked={r.state === 'included'} onChange={() => onToggle(r)} disabled={busy} />
        ) : null}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text fz="sm" fw={500}>
          {who}
        </Text>
        {r.handle && r.handle !== who && (
          <Text fz="xs" c="dimmed">
            @{r.handle}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Badge color={STATE_COLOR[r.state]} variant="light" styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}>
          {r.state}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text fz="sm">{r.reason}</Text>
        {r.error && (
          <Text fz="xs" c="red.8">
            {r.error}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text fz="sm" style={{ whiteSpace: 'nowrap' }}>
          {r.path ? PATH_LABEL[r.path] : '—'}
        </Text>
        {r.channelName && (
          <Text fz="xs" c="dimmed">
            {r.channelName}
          </Text>
        )}
      </Table.Td>
      <Table.Td maw={320}>
        <Text fz="sm" lineClamp={3}>
          {r.preview}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
};

/** A campaign: its audience with reasons and suppression, the message, and the send with its progress. */
export const CampaignView = ({ c }: { c: OutreachCampaignView }) => {
  const setRecipients = useSetRecipients(c.id);
  const send = useSendCampaign(c.id);
  const draft = c.state === 'draft';
  const toSend = c.counts.included ?? 0;
  const toggle = async (r: OutreachRecipientView) => {
    try {
      await setRecipients.mutateAsync({ recipientIds: [r.id], state: r.state === 'included' ? 'excluded' : 'included' });
    } catch (err) {
      notifications.show({ title: 'Not changed', message: messageOf(err), color: 'red' });
    }
  };
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} fz="h3">
              {c.name}
            </Title>
            <Group gap="xs">
              <Badge variant="dot" color={draft ? 'blue' : 'teal'}>
                {draft ? 'Draft' : 'Sent'}
              </Badge>
              {c.isDrill && <Badge color="grape">DRILL — nothing leaves Lookout</Badge>}
            </Group>
          </Stack>
          {draft && (
            <ConfirmButton
              title="Send this outreach?"
              message={`${toSend} ${toSend === 1 ? 'person gets' : 'people get'} the message in their channel. Each channel sends at its own rate; this cannot be undone.`}
              confirmLabel={`Send to ${toSend}`}
              onConfirm={() => send.mutateAsync()}
              successMessage="Outreach queued"
              disabled={!toSend}
            >
              Send…
            </ConfirmButton>
          )}
        </Group>
        <Counts c={c} />
        {draft ? (
          <MessageEditor key={c.body} c={c} />
        ) : (
          <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.body}
          </Text>
        )}
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" striped aria-label="Audience">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <span className="visually-hidden">Include</span>
                </Table.Th>
                <Table.Th>Customer</Table.Th>
                <Table.Th w={130}>State</Table.Th>
                <Table.Th>Why</Table.Th>
                <Table.Th>Path</Table.Th>
                <Table.Th>Preview</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.recipients.map((r) => (
                <RecipientRow key={r.id} r={r} draft={draft} onToggle={(x) => void toggle(x)} busy={setRecipients.isPending} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {!c.recipients.length && <Text c="dimmed">Nobody in this audience: widen the segment.</Text>}
      </Stack>
    </Paper>
  );
};
