import { Button, Checkbox, Group, Modal, PasswordInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormAlert } from '../components/form-alert.tsx';
import { rules, useForm } from '../forms/use-form.ts';
import { KIND_LABELS, configFromValues, fieldsOf, validateKindValues, valuesFromConfig, type KindField } from './channel-kinds.ts';
import { problemsUnder } from './problems.ts';
import { useCreateChannel, useUpdateChannel, type Channel, type ChannelKind } from './settings-api.ts';

type Values = Record<string, string | boolean> & { name: string; kind: string };

const initialFor = (kind: string, channel?: Channel): Values => ({ name: channel?.name ?? '', kind, ...valuesFromConfig(kind, channel?.config ?? {}) });

/** One input per field of the kind; a credential is write-only: it shows whether it is set, never its value. */
const KindInput = ({ field, form, isSet }: { field: KindField; form: ReturnType<typeof useForm<Values, Channel>>; isSet: boolean }) => {
  const common = { label: field.label, required: field.required && !(field.secret && isSet), description: field.description, placeholder: field.placeholder };
  if (field.type === 'boolean') {
    return <Checkbox label={field.label} name={field.key} checked={form.values[field.key] === true} onChange={(e) => form.setField(field.key, e.currentTarget.checked)} />;
  }
  if (field.type === 'select') {
    return <Select {...common} data={field.options ?? []} clearable {...form.pick(field.key)} value={(form.values[field.key] as string) || null} onChange={(v) => form.setField(field.key, v ?? '')} />;
  }
  if (field.type === 'list') return <Textarea {...common} autosize minRows={2} {...form.text(field.key)} />;
  if (field.secret) {
    return (
      <PasswordInput
        {...common}
        autoComplete="new-password"
        description={isSet ? 'Set. Leave empty to keep it; type a new value to replace it.' : field.description}
        placeholder={isSet ? '•••••••• (set)' : undefined}
        {...form.text(field.key)}
      />
    );
  }
  return <TextInput {...common} {...form.text(field.key)} />;
};

/** Connect a channel (kind first, then that kind's settings) or edit one: name, settings, new credentials. */
export const ChannelFormModal = ({ channel, kinds, opened, onClose, onExited, onCreated }: {
  channel?: Channel;
  kinds: ChannelKind[];
  opened: boolean;
  onClose: () => void;
  onExited?: () => void;
  onCreated?: (c: Channel) => void;
}) => {
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const isNew = !channel;
  const hasSecret = (name: string) => Boolean(channel?.secretNames.includes(name));
  const form = useForm<Values, Channel>({
    initial: initialFor(channel?.kind ?? '', channel),
    validate: (v) => ({
      kind: v.kind ? undefined : 'Pick the kind of channel',
      name: rules.required(v.name, 'Name') ?? rules.maxLength(v.name, 200, 'The name'),
      ...validateKindValues(v.kind, v, hasSecret),
    }),
    submit: (v) => {
      const { config, secrets } = configFromValues(v.kind, v, channel?.config);
      if (isNew) return create.mutateAsync({ kind: v.kind as never, name: v.name.trim(), config, ...(Object.keys(secrets).length ? { secrets } : {}) });
      return update.mutateAsync({ id: channel.id, patch: { name: v.name.trim(), config, ...(Object.keys(secrets).length ? { secrets } : {}) } });
    },
    // The server points at /body/config/imap/host or /body/secrets/appPassword: the same inputs.
    mapError: (err) => {
      const out: Record<string, string> = {};
      for (const [path, message] of Object.entries(problemsUnder(err, '/body/config'))) out[path.replaceAll('/', '.')] = message;
      Object.assign(out, problemsUnder(err, '/body/secrets'));
      return out;
    },
    onSuccess: (c) => {
      notifications.show({ message: isNew ? `${c.name} is connected` : `${c.name} was saved`, color: 'teal' });
      if (isNew) onCreated?.(c);
      onClose();
    },
  });
  const fields = fieldsOf(form.values.kind);

  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={isNew ? 'Connect a channel' : `Edit ${channel.name}`} size="lg">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label={isNew ? 'Connect a channel' : 'Edit channel'}>
        <Stack gap="sm">
          <FormAlert message={form.formError} />
          <Select
            label="Kind"
            required
            disabled={!isNew}
            data={kinds.map((k) => ({ value: k.kind, label: KIND_LABELS[k.kind] ?? k.kind }))}
            {...form.pick('kind')}
            value={form.values.kind || null}
            onChange={(v) => v && form.reset({ ...initialFor(v), name: form.values.name })}
          />
          <TextInput label="Name" required data-autofocus description="How agents see this channel, e.g. “Acme on Bluesky”" {...form.text('name')} />
          {fields.map((f) => (
            <KindInput key={`${form.values.kind}:${f.key}`} field={f} form={form} isSet={hasSecret(f.key)} />
          ))}
          {form.values.kind && fields.length === 0 && (
            <Text fz="sm" c="dimmed">
              Nothing to configure: items arrive through the import command.
            </Text>
          )}
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {isNew ? 'Connect' : 'Save changes'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
