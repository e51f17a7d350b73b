import { useState } from 'react';
import { Button, Checkbox, Group, MultiSelect, Paper, SegmentedControl, Select, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { OutreachCreate, OutreachMode, OutreachSegment } from '@contracts';
import { messageOf } from '../api/client.ts';
import { FormAlert } from '../components/form-alert.tsx';
import { useCreateCampaign } from './api.ts';
import { VariableButtons } from './variable-buttons.tsx';

const CHANNEL_KINDS = ['x', 'bluesky', 'mastodon', 'email', 'webchat', 'rss', 'webhook'];

export const MODES: { value: OutreachMode; label: string; help: string }[] = [
  { value: 'private', label: 'Direct message', help: 'A DM where the network has them, else email.' },
  { value: 'public', label: 'Public reply', help: 'A reply to their latest public post, else a DM, else email.' },
  { value: 'email', label: 'Email', help: 'An email to their address, else a DM.' },
];

/** The new campaign: its message, how it travels, and who beyond the people who mentioned the incident. */
export const CampaignBuilder = ({ incidentId, onCreated }: { incidentId: string; onCreated: (id: string) => void }) => {
  const create = useCreateCampaign(incidentId);
  const [name, setName] = useState('');
  const [body, setBody] = useState('Hi {{customer.name}}, we know about "{{incident.title}}" and are fixing it. ');
  const [mode, setMode] = useState<OutreachMode>('private');
  const [mentioners, setMentioners] = useState(true);
  const [tags, setTags] = useState<string[]>([]);
  const [tiers, setTiers] = useState<string[]>([]);
  const [vip, setVip] = useState<string | null>('any');
  const [kinds, setKinds] = useState<string[]>([]);
  const [topic, setTopic] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'Give the campaign a name';
    if (!body.trim()) problems.body = 'Write the message';
    setFieldErrors(problems);
    if (Object.keys(problems).length) return;
    const segment: OutreachSegment = {
      ...(tags.length ? { tags } : {}),
      ...(tiers.length ? { tiers } : {}),
      ...(vip === 'yes' ? { vip: true } : vip === 'no' ? { vip: false } : {}),
      ...(kinds.length ? { channelKinds: kinds } : {}),
      ...(topic.trim() ? { topic: topic.trim() } : {}),
    };
    const payload: OutreachCreate = { name: name.trim(), body, mode, segment, ...(mentioners ? {} : { skipMentioners: true }) };
    setError(null);
    try {
      const c = await create.mutateAsync(payload);
      onCreated(c.id);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <Paper withBorder p="lg">
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="builder-title">
        <Stack gap="sm">
          <Title order={2} fz="h3" id="builder-title">
            New outreach
          </Title>
          <FormAlert message={error} />
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldErrors.name} maxLength={200} />
          <Textarea
            label="Message"
            description="Pre-approved text; variables are filled in for each person."
            required
            autosize
            minRows={3}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={fieldErrors.body}
            id="outreach-body"
          />
          <VariableButtons onInsert={(v) => setBody((b) => `${b}${v}`)} />
          <Stack gap={4}>
            <Text fz="sm" fw={500} id="mode-label">
              How it travels
            </Text>
            <SegmentedControl aria-labelledby="mode-label" value={mode} onChange={(v) => setMode(v as OutreachMode)} data={MODES.map((m) => ({ value: m.value, label: m.label }))} />
            <Text fz="xs" c="dimmed">
              {MODES.find((m) => m.value === mode)?.help}
            </Text>
          </Stack>
          <Title order={3} fz="h5" mt="xs">
            Audience
          </Title>
          <Checkbox label="Customers who mentioned the incident" checked={mentioners} onChange={(e) => setMentioners(e.currentTarget.checked)} />
          <Text fz="sm" c="dimmed">
            Plus customers matching every criterion below (leave empty for none):
          </Text>
          <Group grow align="flex-start">
            <TagsInput label="Conversation tags" value={tags} onChange={setTags} placeholder="refund" />
            <TagsInput label="Tiers" value={tiers} onChange={setTiers} placeholder="gold" />
          </Group>
          <Group grow align="flex-start">
            <Select label="VIP" value={vip} onChange={setVip} data={[{ value: 'any', label: 'Any' }, { value: 'yes', label: 'VIPs only' }, { value: 'no', label: 'Not VIPs' }]} allowDeselect={false} />
            <MultiSelect label="Channels they used" value={kinds} onChange={setKinds} data={CHANNEL_KINDS} />
          </Group>
          <TextInput label="Talked about" description="Words from their past mentions (full-text)" value={topic} onChange={(e) => setTopic(e.currentTarget.value)} maxLength={200} />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              Build audience
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
};
