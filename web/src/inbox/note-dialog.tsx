import { useState } from 'react';
import { Button, Group, Modal, Textarea } from '@mantine/core';

/** An internal note on the focused conversation (`n` in the inbox), without leaving the list. */
export const NoteDialog = ({ opened, subject, busy, error, onClose, onExited, onSave }: {
  opened: boolean;
  subject: string;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onExited: () => void;
  onSave: (text: string) => void;
}) => {
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = () => {
    if (!text.trim()) return setMissing(true);
    onSave(text.trim());
  };
  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={`Internal note · ${subject}`} size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Textarea
          label="Note (only your team sees it; @name mentions a member)"
          autosize
          minRows={3}
          maxLength={10_000}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setMissing(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
          }}
          error={missing ? 'Write the note first' : error}
          data-autofocus
        />
        <Group justify="flex-end" mt="md" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Add note
          </Button>
        </Group>
      </form>
    </Modal>
  );
};
