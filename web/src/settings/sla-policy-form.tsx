import { useState } from 'react';
import { Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormAlert } from '../components/form-alert.tsx';
import { rules, useForm } from '../forms/use-form.ts';
import { problemsUnder } from './problems.ts';
import { useSaveNamed, type Named } from './settings-api.ts';

type Minutes = number | '';

interface Values extends Record<string, unknown> {
  name: string;
  isDefault: boolean;
  firstResponse: Minutes;
  relief: Minutes;
  resolution: Minutes;
  minPriority: Minutes;
  maxPriority: Minutes;
  channelKinds: string[];
  customerTiers: string[];
  calendarId: string;
  warningPercent: Minutes;
}

interface Definition {
  isDefault?: boolean;
  targets?: { firstResponse?: number | null; relief?: number | null; resolution?: number | null };
  criteria?: { minPriority?: number; maxPriority?: number; channelKinds?: string[]; customerTiers?: string[] };
  warningFraction?: number;
}

const AROUND_THE_CLOCK = '';
/** Server paths below the definition → the inputs that show them. */
const FIELD_OF: Record<string, keyof Values> = {
  'targets/firstResponse': 'firstResponse', 'targets/relief': 'relief', 'targets/resolution': 'resolution', targets: 'firstResponse',
  'criteria/minPriority': 'minPriority', 'criteria/maxPriority': 'maxPriority', 'criteria/channelKinds': 'channelKinds', 'criteria/customerTiers': 'customerTiers', warningFraction: 'warningPercent',
};

const positive = (v: Minutes, label: string) => (v !== '' && !(v > 0) ? `${label} must be more than 0 minutes` : undefined);

/** An SLA policy: which conversations it covers, its targets in business minutes, and the calendar they count in. */
export const SlaPolicyFormModal = ({ policy, position, calendars, channelKinds, opened, onClose, onExited }: {
  policy?: Named;
  position: number;
  calendars: Named[];
  channelKinds: { value: string; label: string }[];
  opened: boolean;
  onClose: () => void;
  onExited?: () => void;
}) => {
  const save = useSaveNamed('sla-policies');
  const isNew = !policy;
  const d = (policy?.definition ?? {}) as Definition;
  const [formNote, setFormNote] = useState<string | null>(null);
  const form = useForm<Values, Named>({
    initial: {
      name: policy?.name ?? '',
      isDefault: d.isDefault ?? false,
      firstResponse: d.targets?.firstResponse ?? '',
      relief: d.targets?.relief ?? '',
      resolution: d.targets?.resolution ?? '',
      minPriority: d.criteria?.minPriority ?? '',
      maxPriority: d.criteria?.maxPriority ?? '',
      channelKinds: d.criteria?.channelKinds ?? [],
      customerTiers: d.criteria?.customerTiers ?? [],
      calendarId: policy?.calendarId ?? AROUND_THE_CLOCK,
      warningPercent: d.warningFraction ? Math.round(d.warningFraction * 100) : 75,
    },
    validate: (v) => {
      setFormNote(null);
      const none = v.firstResponse === '' && v.relief === '' && v.resolution === '';
      return {
        name: rules.required(v.name, 'Name'),
        firstResponse: none ? 'Set at least one target' : positive(v.firstResponse, 'First response'),
        relief: positive(v.relief, 'Relief'),
        resolution: positive(v.resolution, 'Resolution'),
        maxPriority: v.minPriority !== '' && v.maxPriority !== '' && v.minPriority > v.maxPriority ? 'Must not be below the lowest priority' : undefined,
        warningPercent: v.warningPercent === '' || v.warningPercent <= 0 || v.warningPercent >= 100 ? 'Between 1 and 99 %' : undefined,
      };
    },
    submit: (v) => {
      const num = (x: Minutes) => (x === '' ? undefined : x);
      const criteria = { minPriority: num(v.minPriority), maxPriority: num(v.maxPriority), channelKinds: v.channelKinds.length ? v.channelKinds : undefined, customerTiers: v.customerTiers.length ? v.customerTiers : undefined };
      const definition = JSON.parse(
        JSON.stringify({ isDefault: v.isDefault, targets: { firstResponse: num(v.firstResponse), relief: num(v.relief), resolution: num(v.resolution) }, criteria, warningFraction: Number(v.warningPercent) / 100 }),
      ) as Record<string, unknown>;
      return save.mutateAsync({ id: policy?.id, body: { name: v.name.trim(), definition, position: policy?.position ?? position, calendarId: v.calendarId || null } });
    },
    mapError: (err) => {
      const out: Record<string, string> = {};
      for (const [path, message] of Object.entries(problemsUnder(err, '/body/definition'))) {
        const field = FIELD_OF[path];
        if (field) out[field] ??= message;
        else setFormNote(`${path}: ${message}`);
      }
      return out;
    },
    onSuccess: (p) => {
      notifications.show({ message: isNew ? `SLA policy ${p.name} was created` : `SLA policy ${p.name} was saved`, color: 'teal' });
      onClose();
    },
  });
  const minutes = (name: 'firstResponse' | 'relief' | 'resolution', label: string) => (
    <NumberInput label={label} suffix=" min" min={1} allowDecimal={false} placeholder="No target" {...form.pick(name)} onChange={(v) => form.setField(name, v === '' ? '' : Number(v))} />
  );

  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={isNew ? 'New SLA policy' : `Edit ${policy.name}`} size="lg">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label={isNew ? 'New SLA policy' : 'Edit SLA policy'}>
        <Stack gap="sm">
          <FormAlert message={form.formError ?? formNote} />
          <TextInput label="Name" required data-autofocus placeholder="Urgent" {...form.text('name')} />
          <Title order={2} fz="sm">
            Targets (business minutes)
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {minutes('firstResponse', 'First response')}
            {minutes('relief', 'Relief (workaround)')}
            {minutes('resolution', 'Resolution')}
          </SimpleGrid>
          <Title order={2} fz="sm">
            Applies to
          </Title>
          <Switch label="Default policy: covers conversations no other policy matches" checked={form.values.isDefault} onChange={(e) => form.setField('isDefault', e.currentTarget.checked)} />
          {!form.values.isDefault && (
            <>
              <SimpleGrid cols={2}>
                <NumberInput label="Lowest priority" min={0} max={100} allowDecimal={false} placeholder="0" {...form.pick('minPriority')} onChange={(v) => form.setField('minPriority', v === '' ? '' : Number(v))} />
                <NumberInput label="Highest priority" min={0} max={100} allowDecimal={false} placeholder="100" {...form.pick('maxPriority')} onChange={(v) => form.setField('maxPriority', v === '' ? '' : Number(v))} />
              </SimpleGrid>
              <MultiSelect label="Channel kinds" placeholder="Any channel" data={channelKinds} {...form.pick('channelKinds')} />
              <TagsInput label="Customer tiers" placeholder="Any tier (type, Enter)" {...form.pick('customerTiers')} />
              <Text fz="xs" c="dimmed">
                Empty criteria match everything; policies are tried in list order.
              </Text>
            </>
          )}
          <Select
            label="Business hours"
            description="Clocks only run while this calendar is open"
            data={[{ value: AROUND_THE_CLOCK, label: 'Around the clock (24×7)' }, ...calendars.map((c) => ({ value: c.id, label: c.name }))]}
            {...form.pick('calendarId')}
            onChange={(v) => form.setField('calendarId', v ?? AROUND_THE_CLOCK)}
          />
          <NumberInput label="Warn at" description="Share of the target after which the clock turns amber" suffix=" %" min={1} max={99} allowDecimal={false} {...form.pick('warningPercent')} onChange={(v) => form.setField('warningPercent', v === '' ? '' : Number(v))} />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {isNew ? 'Create policy' : 'Save changes'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
