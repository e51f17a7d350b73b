import { Button, Group, Modal, Select, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormAlert } from '../components/form-alert.tsx';
import { rules, useForm } from '../forms/use-form.ts';
import { QueryPreviewPanel, useQueryPreview } from './query-preview.tsx';
import { useCreateQuery, useUpdateQuery, type Channel, type ListeningQuery } from './settings-api.ts';

interface Values extends Record<string, unknown> {
  name: string;
  query: string;
  channelId: string;
  isActive: boolean;
}

const ALL = '';

/** Write a listening query and see, as you type, what it would have matched; syntax errors show at the field. */
export const ListeningQueryModal = ({ query, channels, opened, onClose, onExited }: { query?: ListeningQuery; channels: Channel[]; opened: boolean; onClose: () => void; onExited?: () => void }) => {
  const create = useCreateQuery();
  const update = useUpdateQuery();
  const isNew = !query;
  const form = useForm<Values, ListeningQuery>({
    initial: { name: query?.name ?? '', query: query?.query ?? '', channelId: query?.channelId ?? ALL, isActive: query?.isActive ?? true },
    validate: (v) => ({ name: rules.required(v.name, 'Name'), query: rules.required(v.query, 'The query') ?? rules.maxLength(v.query, 2000, 'The query') }),
    submit: (v) => {
      const body = { name: v.name.trim(), query: v.query.trim(), channelId: v.channelId || null, isActive: v.isActive };
      return isNew ? create.mutateAsync(body) : update.mutateAsync({ id: query.id, patch: body });
    },
    onSuccess: (q) => {
      notifications.show({ message: isNew ? `Listening for “${q.name}”` : `${q.name} was saved`, color: 'teal' });
      onClose();
    },
  });
  const preview = useQueryPreview(form.values.query);
  // A syntax error the preview found is shown at the field before anything is saved.
  const syntaxError = form.errors.query ?? (preview.for === form.values.query.trim() ? preview.error : undefined);

  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={isNew ? 'New listening query' : `Edit ${query.name}`} size="xl">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label={isNew ? 'New listening query' : 'Edit listening query'}>
        <Stack gap="sm">
          <FormAlert message={form.formError} />
          <TextInput label="Name" required data-autofocus {...form.text('name')} />
          <Textarea
            label="Query"
            required
            autosize
            minRows={2}
            description="Words and “quoted phrases”; AND, OR, NOT or -word, and parentheses: acme AND (refund OR broken) -hiring"
            {...form.text('query')}
            error={syntaxError}
            aria-invalid={syntaxError ? true : undefined}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <QueryPreviewPanel preview={preview} />
          <Select
            label="Channel"
            description="Listen on one channel, or on every channel of the workspace"
            data={[{ value: ALL, label: 'All channels' }, ...channels.map((c) => ({ value: c.id, label: c.name }))]}
            {...form.pick('channelId')}
            onChange={(v) => form.setField('channelId', v ?? ALL)}
          />
          <Switch label="Active" checked={form.values.isActive} onChange={(e) => form.setField('isActive', e.currentTarget.checked)} />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {isNew ? 'Create query' : 'Save changes'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
