import { ActionIcon, Button, Checkbox, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Customer360, CustomerPatch } from '@contracts';
import { FormAlert } from '../components/form-alert.tsx';
import { PlusIcon } from '../components/icons.tsx';
import { rules, useForm } from '../forms/use-form.ts';
import { useUpdateCustomer } from './api.ts';

interface Fields extends Record<string, unknown> {
  name: string;
  email: string;
  tier: string;
  isVip: boolean;
  optedOut: boolean;
  notes: string;
  /** Custom attributes as editable rows; saved as an object (text values). */
  attributes: { key: string; value: string }[];
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;

/** Edits what a person knows about the customer: name, email, tier, VIP, opt-out, custom attributes and notes. */
export const CustomerFormModal = ({ customer, opened, onClose, onExited }: { customer: Customer360; opened: boolean; onClose: () => void; onExited?: () => void }) => {
  const update = useUpdateCustomer(customer.id);
  const form = useForm<Fields, Customer360>({
    initial: {
      name: customer.name ?? '',
      email: customer.email ?? '',
      tier: customer.tier ?? '',
      isVip: customer.isVip,
      optedOut: customer.optedOut,
      notes: customer.notes ?? '',
      attributes: Object.entries(customer.attributes).map(([key, value]) => ({ key, value: asText(value) })),
    },
    validate: (v) => {
      const keys = v.attributes.map((a) => a.key.trim()).filter(Boolean);
      return {
        name: v.name.trim() ? rules.maxLength(v.name.trim(), 200, 'The name') : undefined,
        email: v.email.trim() && !EMAIL_RE.test(v.email.trim()) ? 'Enter an email address like name@example.com' : undefined,
        tier: rules.maxLength(v.tier.trim(), 64, 'The tier'),
        attributes: new Set(keys).size !== keys.length ? 'Each attribute needs a different name' : keys.some((k) => k.length > 64) ? 'Attribute names are at most 64 characters' : undefined,
      };
    },
    submit: (v) => {
      const patch: CustomerPatch = {
        name: v.name.trim() || null,
        email: v.email.trim() || null,
        tier: v.tier.trim() || null,
        isVip: v.isVip,
        optedOut: v.optedOut,
        notes: v.notes.trim() || null,
        attributes: Object.fromEntries(v.attributes.filter((a) => a.key.trim()).map((a) => [a.key.trim(), a.value])),
      };
      return update.mutateAsync(patch);
    },
    onSuccess: () => {
      notifications.show({ message: 'Customer saved', color: 'teal' });
      onClose();
    },
  });
  const attrs = form.values.attributes;
  const setAttr = (i: number, part: 'key' | 'value', value: string) => form.setField('attributes', attrs.map((a, j) => (j === i ? { ...a, [part]: value } : a)));

  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title="Edit customer" size="lg">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label="Edit customer">
        <Stack gap="sm">
          <FormAlert message={form.formError} />
          <Group grow align="flex-start">
            <TextInput label="Name" data-autofocus {...form.text('name')} />
            <TextInput label="Email" type="email" {...form.text('email')} />
          </Group>
          <Group align="flex-end">
            <TextInput label="Tier" placeholder="e.g. Gold" {...form.text('tier')} w={200} />
            <Checkbox label="VIP" checked={form.values.isVip} onChange={(e) => form.setField('isVip', e.currentTarget.checked)} mb={8} />
            <Checkbox label="Opted out of outreach" checked={form.values.optedOut} onChange={(e) => form.setField('optedOut', e.currentTarget.checked)} mb={8} />
          </Group>
          <div>
            <Text fz="sm" fw={500} mb={4} id="attributes-label">
              Custom attributes
            </Text>
            <Stack gap={6} role="group" aria-labelledby="attributes-label">
              {attrs.map((a, i) => (
                <Group key={i} gap={6} wrap="nowrap">
                  <TextInput size="xs" aria-label={`Attribute ${i + 1} name`} placeholder="Name" value={a.key} onChange={(e) => setAttr(i, 'key', e.currentTarget.value)} w={180} />
                  <TextInput size="xs" aria-label={`Attribute ${i + 1} value`} placeholder="Value" value={a.value} onChange={(e) => setAttr(i, 'value', e.currentTarget.value)} style={{ flex: 1 }} />
                  <ActionIcon variant="subtle" color="gray" aria-label={`Remove attribute ${a.key || i + 1}`} onClick={() => form.setField('attributes', attrs.filter((_, j) => j !== i))}>
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Button size="compact-xs" variant="subtle" leftSection={<PlusIcon size={14} />} onClick={() => form.setField('attributes', [...attrs, { key: '', value: '' }])} w="fit-content">
                Add attribute
              </Button>
              {form.errors.attributes && (
                <Text fz="xs" c="#9b1c1c" role="alert">
                  {form.errors.attributes}
                </Text>
              )}
            </Stack>
          </div>
          <Textarea label="Notes" description="Seen by your team only" autosize minRows={3} maxRows={10} {...form.text('notes')} />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
