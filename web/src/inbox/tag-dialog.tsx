import { useState } from 'react';
import { Autocomplete, Button, Group, Modal } from '@mantine/core';
import { useTags } from './api.ts';

/** Adds one tag (an existing one or a new name) to the chosen conversations. */
export const TagDialog = ({ opened, count, onClose, onExited, onTag }: { opened: boolean; count: number; onClose: () => void; onExited: () => void; onTag: (tag: string) => void }) => {
  const tags = useTags();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const tag = value.trim();
    if (!tag) return setError('Type a tag name');
    if (tag.length > 50) return setError('At most 50 characters');
    onTag(tag);
    setValue('');
  };
  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={count > 1 ? `Tag ${count} conversations` : 'Tag conversation'} size="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Autocomplete
          label="Tag"
          placeholder="e.g. billing"
          data={(tags.data ?? []).map((t) => t.name)}
          value={value}
          onChange={(v) => {
            setValue(v);
            setError(null);
          }}
          error={error}
          data-autofocus
          comboboxProps={{ withinPortal: false }}
        />
        <Group justify="flex-end" mt="md" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Add tag</Button>
        </Group>
      </form>
    </Modal>
  );
};
