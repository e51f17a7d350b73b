import { forwardRef, useState } from 'react';
import { Alert, Button, Group, Kbd, Paper, SegmentedControl, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError, messageOf } from '../api/client.ts';
import { channelKindLabel } from '../inbox/index.ts';
import { useAddNote, useSendReply } from './api.ts';

export type ComposerMode = 'reply' | 'note';

const newKey = () => crypto.randomUUID();

/**
 * Reply in the customer's channel, or write an internal note. The counter measures against the
 * channel's limit; past it, a channel that threads splits the reply, any other refuses it.
 */
export const Composer = forwardRef<
  HTMLTextAreaElement,
  { conversationId: string; mode: ComposerMode; onModeChange: (m: ComposerMode) => void; canReply: boolean; channelKind: string | null; maxLength: number | null; canThread: boolean }
>(({ conversationId, mode, onModeChange, canReply, channelKind, maxLength, canThread }, ref) => {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  // One key per draft: sending the same draft twice (a retry after a lost answer) posts once.
  const [key, setKey] = useState(newKey);
  const reply = useSendReply(conversationId);
  const note = useAddNote(conversationId);
  const effectiveMode: ComposerMode = canReply ? mode : 'note';
  const length = [...text].length;
  const limit = effectiveMode === 'reply' ? maxLength : null;
  const over = limit !== null && length > limit;
  const parts = limit && over && canThread ? Math.ceil(length / (limit - 8)) : 1;
  const blocked = !text.trim() || (over && !canThread);
  const pending = reply.isPending || note.isPending;

  const submit = async () => {
    if (blocked || pending) return;
    setError(null);
    try {
      if (effectiveMode === 'reply') {
        await reply.mutateAsync({ text, visibility: 'public', key });
        notifications.show({ message: 'Reply queued for sending', color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      } else {
        await note.mutateAsync(text);
      }
      setText('');
      setKey(newKey());
    } catch (e) {
      setError(e instanceof ApiError && e.fields.text ? e.fields.text : messageOf(e));
    }
  };

  const channel = channelKindLabel(channelKind);
  return (
    <Paper withBorder radius="sm" p="sm" bg={effectiveMode === 'note' ? 'yellow.0' : 'white'} component="section" aria-label="Composer">
      <Group justify="space-between" mb={6}>
        {canReply ? (
          <SegmentedControl
            size="xs"
            value={effectiveMode}
            onChange={(v) => onModeChange(v as ComposerMode)}
            data={[
              { value: 'reply', label: `Reply on ${channel}` },
              { value: 'note', label: 'Internal note' },
            ]}
            aria-label="Compose"
          />
        ) : (
          <Text fz="sm" fw={600}>
            Internal note
          </Text>
        )}
        <Text fz="xs" c="dimmed">
          <Kbd size="xs">r</Kbd> reply · <Kbd size="xs">n</Kbd> note · <Kbd size="xs">e</Kbd> resolve · <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Enter</Kbd> send
        </Text>
      </Group>
      <Textarea
        ref={ref}
        aria-label={effectiveMode === 'reply' ? `Reply to the customer on ${channel}` : 'Internal note'}
        placeholder={effectiveMode === 'reply' ? `Write a public reply on ${channel}…` : 'Write a note for your team; @name mentions a member…'}
        autosize
        minRows={3}
        maxRows={10}
        value={text}
        error={error}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
          if (e.key === 'Escape') e.currentTarget.blur();
        }}
      />
      <Group justify="space-between" mt={6}>
        <Text fz="xs" c={over ? (canThread ? 'orange.9' : 'red.8') : 'dimmed'} data-testid="char-counter" aria-live="polite" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {limit !== null ? `${length} / ${limit}` : `${length} characters`}
          {over && (canThread ? ` · will be sent as a thread of ${parts}` : ` · too long for ${channel}`)}
        </Text>
        <Button size="xs" onClick={() => void submit()} disabled={blocked} loading={pending} color={effectiveMode === 'note' ? 'yellow.8' : undefined}>
          {effectiveMode === 'reply' ? 'Send reply' : 'Add note'}
        </Button>
      </Group>
      {!canReply && (
        <Alert mt="xs" color="gray" variant="light" p="xs">
          <Text fz="xs">Your role cannot reply to customers.</Text>
        </Alert>
      )}
    </Paper>
  );
});
Composer.displayName = 'Composer';
