import { Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormAlert } from '../components/form-alert.tsx';
import { rules, useForm } from '../forms/use-form.ts';
import { problemsUnder } from './problems.ts';
import type { BuilderOptions } from './rule-builder.tsx';
import { useCreateRule, useUpdateRule, type Named, type Rule } from './settings-api.ts';

/** "Not set here": a later rule (or the default) decides; stored by leaving the key out. */
const UNSET = 'unset';
const ALWAYS_OPEN = 'always';

interface ChannelRuleDef {
  appliesTo?: { channelIds?: string[]; channelKinds?: string[]; visibility?: 'public' | 'private' };
  calendarId?: string | null;
  autoAcknowledge?: { cannedReplyId: string; when: 'always' | 'outside_business_hours' } | null;
  requireApprovalForPublicReply?: boolean;
}

interface Values extends Record<string, unknown> {
  name: string;
  isActive: boolean;
  channelIds: string[];
  channelKinds: string[];
  visibility: string;
  calendar: string;
  approval: string;
  ackReplyId: string;
  ackWhen: string;
}

const FIELD_OF: Record<string, keyof Values> = {
  'appliesTo/channelIds': 'channelIds', 'appliesTo/channelKinds': 'channelKinds', 'appliesTo/visibility': 'visibility', calendarId: 'calendar',
  requireApprovalForPublicReply: 'approval', 'autoAcknowledge/cannedReplyId': 'ackReplyId', 'autoAcknowledge/when': 'ackWhen', autoAcknowledge: 'ackReplyId',
};

const initialOf = (rule?: Rule): Values => {
  const d = (rule?.definition ?? {}) as ChannelRuleDef;
  return {
    name: rule?.name ?? '',
    isActive: rule?.isActive ?? true,
    channelIds: d.appliesTo?.channelIds ?? [],
    channelKinds: d.appliesTo?.channelKinds ?? [],
    visibility: d.appliesTo?.visibility ?? '',
    calendar: d.calendarId === undefined ? UNSET : d.calendarId === null ? ALWAYS_OPEN : d.calendarId,
    approval: d.requireApprovalForPublicReply === undefined ? UNSET : d.requireApprovalForPublicReply ? 'yes' : 'no',
    ackReplyId: d.autoAcknowledge?.cannedReplyId ?? '',
    ackWhen: d.autoAcknowledge?.when ?? 'outside_business_hours',
  };
};

const definitionOf = (v: Values): ChannelRuleDef => {
  const appliesTo = { ...(v.channelIds.length ? { channelIds: v.channelIds } : {}), ...(v.channelKinds.length ? { channelKinds: v.channelKinds } : {}), ...(v.visibility ? { visibility: v.visibility as 'public' | 'private' } : {}) };
  return {
    ...(Object.keys(appliesTo).length ? { appliesTo } : {}),
    ...(v.calendar === UNSET ? {} : { calendarId: v.calendar === ALWAYS_OPEN ? null : v.calendar }),
    ...(v.approval === UNSET ? {} : { requireApprovalForPublicReply: v.approval === 'yes' }),
    ...(v.ackReplyId ? { autoAcknowledge: { cannedReplyId: v.ackReplyId, when: v.ackWhen as 'always' | 'outside_business_hours' } } : {}),
  };
};

/** How to approach some channels: their business hours, approval before a public reply, an automatic acknowledgement. */
export const ChannelRuleModal = ({ rule, opts, calendars, position, opened, onClose, onExited }: {
  rule?: Rule;
  opts: BuilderOptions;
  calendars: Named[];
  position: number;
  opened: boolean;
  onClose: () => void;
  onExited?: () => void;
}) => {
  const create = useCreateRule();
  const update = useUpdateRule();
  const isNew = !rule;
  const form = useForm<Values, Rule>({
    initial: initialOf(rule),
    validate: (v) => ({
      name: rules.required(v.name, 'Name'),
      calendar: v.calendar === UNSET && v.approval === UNSET && !v.ackReplyId ? 'Set at least one of business hours, approval or acknowledgement' : undefined,
    }),
    submit: (v) => {
      const body = { name: v.name.trim(), isActive: v.isActive, definition: definitionOf(v) as Record<string, unknown> };
      return isNew ? create.mutateAsync({ ...body, layer: 'channel', position }) : update.mutateAsync({ id: rule.id, patch: body });
    },
    mapError: (err) => {
      const out: Record<string, string> = {};
      for (const [path, message] of Object.entries(problemsUnder(err, '/body/definition'))) {
        const field = FIELD_OF[path];
        if (field) out[field] ??= message;
      }
      return out;
    },
    onSuccess: (r) => {
      notifications.show({ message: isNew ? `Channel rule ${r.name} was added` : `Channel rule ${r.name} was saved`, color: 'teal' });
      onClose();
    },
  });
  const pickOne = (name: 'calendar' | 'approval' | 'ackReplyId' | 'ackWhen' | 'visibility') => ({ ...form.pick(name), onChange: (v: string | null) => form.setField(name, v ?? '') });

  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={isNew ? 'New channel rule' : `Edit ${rule.name}`} size="lg">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label={isNew ? 'New channel rule' : 'Edit channel rule'}>
        <Stack gap="sm">
          <FormAlert message={form.formError} />
          <Group align="flex-end">
            <TextInput label="Name" required data-autofocus style={{ flex: 1 }} placeholder="Public replies on X need approval" {...form.text('name')} />
            <Switch label="Enabled" checked={form.values.isActive} onChange={(e) => form.setField('isActive', e.currentTarget.checked)} mb={8} />
          </Group>
          <Text fz="sm" fw={600}>
            Applies to
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <MultiSelect label="Channels" placeholder="Any channel" data={opts.channels} {...form.pick('channelIds')} />
            <MultiSelect label="Channel kinds" placeholder="Any kind" data={opts.channelKinds} {...form.pick('channelKinds')} />
            <Select label="Visibility" placeholder="Public and private" clearable data={[{ value: 'public', label: 'Public' }, { value: 'private', label: 'Private' }]} {...pickOne('visibility')} value={form.values.visibility || null} />
          </SimpleGrid>
          <Text fz="sm" fw={600}>
            Then
          </Text>
          <Select
            label="Business hours"
            allowDeselect={false}
            data={[{ value: UNSET, label: 'Not set by this rule' }, { value: ALWAYS_OPEN, label: 'Around the clock (24×7)' }, ...calendars.map((c) => ({ value: c.id, label: c.name }))]}
            {...pickOne('calendar')}
          />
          <Select
            label="Supervisor approval before a public reply"
            allowDeselect={false}
            data={[{ value: UNSET, label: 'Not set by this rule' }, { value: 'yes', label: 'Required' }, { value: 'no', label: 'Not required' }]}
            {...pickOne('approval')}
          />
          <SimpleGrid cols={2}>
            <Select label="Acknowledge new conversations with" placeholder="No acknowledgement" clearable data={opts.canned} {...pickOne('ackReplyId')} value={form.values.ackReplyId || null} />
            <Select
              label="When"
              disabled={!form.values.ackReplyId}
              allowDeselect={false}
              data={[{ value: 'outside_business_hours', label: 'Outside business hours' }, { value: 'always', label: 'Always' }]}
              {...pickOne('ackWhen')}
            />
          </SimpleGrid>
          <Text fz="xs" c="dimmed">
            Each setting comes from the first enabled channel rule, in list order, that covers the channel and sets it.
          </Text>
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {isNew ? 'Add channel rule' : 'Save changes'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};

/** One line per rule: what it covers and what it sets. */
export const describeChannelRule = (r: Rule, opts: BuilderOptions, calendars: Named[]): string => {
  const d = r.definition as ChannelRuleDef;
  const name = (list: { value: string; label: string }[], id: string) => list.find((o) => o.value === id)?.label ?? id;
  const to = [
    ...(d.appliesTo?.channelIds ?? []).map((id) => name(opts.channels, id)),
    ...(d.appliesTo?.channelKinds ?? []).map((k) => name(opts.channelKinds, k)),
    ...(d.appliesTo?.visibility ? [d.appliesTo.visibility] : []),
  ];
  const sets = [
    d.calendarId === undefined ? null : d.calendarId === null ? 'hours 24×7' : `hours ${calendars.find((c) => c.id === d.calendarId)?.name ?? 'deleted calendar'}`,
    d.requireApprovalForPublicReply === undefined ? null : d.requireApprovalForPublicReply ? 'approval required' : 'no approval',
    d.autoAcknowledge ? `acknowledge with ${name(opts.canned, d.autoAcknowledge.cannedReplyId)}` : null,
  ].filter(Boolean);
  return `${to.length ? to.join(', ') : 'All channels'} → ${sets.join(', ')}`;
};
