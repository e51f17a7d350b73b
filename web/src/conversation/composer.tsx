import { forwardRef, useMemo, useState } from 'react';
import { Alert, Box, Button, Group, Kbd, Modal, Paper, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { ComplianceFinding } from '@contracts';
import { ApiError, messageOf } from '../api/client.ts';
import { can, useSignedIn } from '../api/session.ts';
import { channelKindLabel } from '../inbox/index.ts';
import { useAddNote, useCannedReplies, useIncidentReplies, useReplyPreview, useSendReply } from './api.ts';
import { ComplianceFindings, WARN_COLOR } from './compliance-findings.tsx';

export type ComposerMode = 'reply' | 'note';

const newKey = () => crypto.randomUUID();
const PREVIEW_DELAY_MS = 350;
const VARIABLE = /\{\{\s*([a-zA-Z]\w*(?:\.[a-zA-Z]\w*)*)\s*\}\}/g;

/**
 * Reply in the customer's channel, or write an internal note. As the agent types, the server
 * previews the reply (variables filled, persona signature, the channel's limit and the thread it
 * would become) and runs the compliance guard on it: a block disables Send, a warning asks for a
 * confirmation. The server checks again when the reply is sent, whatever the page showed.
 */
export const Composer = forwardRef<
  HTMLTextAreaElement,
  {
    conversationId: string;
    mode: ComposerMode;
    onModeChange: (m: ComposerMode) => void;
    canReply: boolean;
    channelKind: string | null;
    maxLength: number | null;
    canThread: boolean;
    /** Private where the conversation is (a DM, email, web chat): the guard is lighter there. */
    visibility: 'public' | 'private';
    /** The channel to answer on when it is not the conversation's (the customer moved to email or a chat link). */
    channelId?: string | null;
  }
>(({ conversationId, mode, onModeChange, canReply, channelKind, maxLength, canThread, visibility, channelId = null }, ref) => {
  const [text, setText] = useState('');
  const [variables, setVariables] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<ComplianceFinding[] | null>(null);
  // One key per draft: sending the same draft twice (a retry after a lost answer) posts once.
  const [key, setKey] = useState(newKey);
  const reply = useSendReply(conversationId);
  const note = useAddNote(conversationId);
  const effectiveMode: ComposerMode = canReply ? mode : 'note';
  const isReply = effectiveMode === 'reply';
  const canned = useCannedReplies(isReply);
  // Replies a playbook pre-approved for an open incident this conversation is part of.
  const session = useSignedIn();
  const incidentReplies = useIncidentReplies(conversationId, isReply && can(session, 'incidents:read'));

  const custom = [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!))].filter((v) => !v.startsWith('customer.') && !v.startsWith('agent.'));
  const givenVariables = Object.fromEntries(custom.filter((v) => variables[v]?.trim()).map((v) => [v, variables[v]!]));
  // Debounced as a string: an object would be new on every render and never settle.
  const draftKey = JSON.stringify({ text, visibility, variables: givenVariables, ...(channelId ? { channelId } : {}) });
  const [settled] = useDebouncedValue(draftKey, PREVIEW_DELAY_MS);
  const draft = useMemo(() => JSON.parse(settled) as { text: string; visibility: 'public' | 'private'; variables: Record<string, string>; channelId?: string }, [settled]);
  const preview = useReplyPreview(conversationId, draft, isReply);
  const p = isReply && text.trim() ? preview.data : undefined;
  // The preview is of the text on screen (not of what it was a moment ago).
  const current = Boolean(p) && settled === draftKey && !preview.isPlaceholderData && !preview.isFetching;

  // The server's count (signature included) once it is of the text on screen; the local one meanwhile.
  const length = (current ? p?.length?.length : undefined) ?? [...text].length;
  const limit = isReply ? (p?.length?.maxLength ?? maxLength) : null;
  const over = limit !== null && length > limit;
  const parts = p?.parts ?? [];
  const tooLong = over && !canThread;
  // A block stays in force while the agent types, as long as the blocked text is still there.
  const blockedByGuard = Boolean(p?.blocked && (current || p.findings.some((f) => f.action === 'block' && (!f.span || text.includes(f.span.text)))));
  const blocked = !text.trim() || tooLong || blockedByGuard;
  const pending = reply.isPending || note.isPending;

  const send = async (acknowledgeWarnings: boolean) => {
    setError(null);
    try {
      await reply.mutateAsync({ text, visibility, key, variables: givenVariables, acknowledgeWarnings, ...(channelId ? { channelId } : {}) });
      notifications.show({ message: 'Reply queued for sending', color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      setText('');
      setVariables({});
      setKey(newKey());
    } catch (e) {
      // The page's preview was stale: the server's warnings still get their confirmation.
      if (e instanceof ApiError && e.code === 'COMPLIANCE_WARNING') {
        setConfirming(e.problems.map((x) => ({ kind: x.message.split(':')[0] ?? 'warning', action: 'warn', span: null, message: x.message.replace(/^\w+: /, '') })));
        return;
      }
      setError(e instanceof ApiError && e.fields.text ? e.fields.text : messageOf(e));
    }
  };

  const submit = async () => {
    if (blocked || pending) return;
    setError(null);
    if (!isReply) {
      try {
        await note.mutateAsync(text);
        setText('');
      } catch (e) {
        setError(messageOf(e));
      }
      return;
    }
    const warnings = current ? (p?.findings.filter((f) => f.action === 'warn') ?? []) : [];
    if (warnings.length) setConfirming(warnings);
    else await send(false);
  };

  const insertText = (body: string) => setText((t) => (t.trim() ? `${t.trimEnd()} ${body}` : body));
  const insertCanned = (id: string | null) => {
    const c = canned.data?.find((r) => r.id === id);
    if (c) insertText(c.body);
  };
  const incidentOptions = Object.values(
    (incidentReplies.data ?? []).reduce<Record<string, { group: string; items: { value: string; label: string }[] }>>((groups, r, i) => {
      (groups[r.incidentId] ??= { group: `Incident: ${r.incidentTitle}`, items: [] }).items.push({ value: String(i), label: r.name });
      return groups;
    }, {}),
  );
  const insertIncidentReply = (index: string | null) => {
    const r = index === null ? undefined : incidentReplies.data?.[Number(index)];
    if (r) insertText(r.body);
  };

  const channel = channelKindLabel(channelKind);
  const signedDiffers = p && current && p.body && p.body !== text.trim();
  return (
    <Paper withBorder radius="sm" p="sm" bg={effectiveMode === 'note' ? 'yellow.0' : 'white'} component="section" aria-label="Composer">
      <Group justify="space-between" mb={6}>
        {canReply ? (
          <SegmentedControl
            size="xs"
            value={effectiveMode}
            onChange={(v) => onModeChange(v as ComposerMode)}
            data={[
              { value: 'reply', label: `Reply on ${channel}${visibility === 'private' ? ' (private)' : ''}` },
              { value: 'note', label: 'Internal note' },
            ]}
            aria-label="Compose"
          />
        ) : (
          <Text fz="sm" fw={600}>
            Internal note
          </Text>
        )}
        <Group gap="xs">
          {isReply && (canned.data?.length ?? 0) > 0 && (
            <Select
              size="xs"
              w={200}
              aria-label="Insert a canned reply"
              placeholder="Canned reply…"
              data={(canned.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={null}
              searchable
              onChange={insertCanned}
            />
          )}
          {isReply && incidentOptions.length > 0 && (
            <Select
              size="xs"
              w={220}
              aria-label="Insert a pre-approved incident reply"
              placeholder="Incident reply…"
              data={incidentOptions}
              value={null}
              searchable
              onChange={insertIncidentReply}
              comboboxProps={{ width: 320, position: 'bottom-end' }}
              data-testid="incident-replies"
            />
          )}
          <Text fz="xs" c="dimmed">
            <Kbd size="xs">r</Kbd> reply · <Kbd size="xs">n</Kbd> note · <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Enter</Kbd> send
          </Text>
        </Group>
      </Group>
      <Textarea
        ref={ref}
        aria-label={isReply ? `Reply to the customer on ${channel}` : 'Internal note'}
        placeholder={isReply ? `Write a ${visibility} reply on ${channel}…` : 'Write a note for your team; @name mentions a member…'}
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
      {isReply && custom.length > 0 && (
        <Group gap="xs" mt={6} aria-label="Variables">
          {custom.map((v) => (
            <TextInput key={v} size="xs" label={`{{${v}}}`} value={variables[v] ?? ''} onChange={(e) => setVariables((x) => ({ ...x, [v]: e.currentTarget.value }))} w={180} />
          ))}
        </Group>
      )}
      {isReply && p && <ComplianceFindings findings={p.findings} />}
      {isReply && current && p!.missing.length > 0 && (
        <Text fz="xs" c="red.8" mt={4}>
          No value yet for {p!.missing.map((m) => `{{${m}}}`).join(', ')}
        </Text>
      )}
      {isReply && (signedDiffers || parts.length > 1) && (
        <Box mt="xs" data-testid="reply-preview">
          <Text fz="xs" fw={600} c="dimmed">
            {parts.length > 1 ? `Sent as a thread of ${parts.length} posts` : 'Sent as'}
          </Text>
          <Stack gap={4} component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {(parts.length > 1 ? parts : [p!.body]).map((part, i) => (
              <Text key={i} component="li" fz="xs" c="dark.6" p={6} bg="gray.0" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', borderRadius: 4 }} data-testid="reply-part">
                {part}
              </Text>
            ))}
          </Stack>
        </Box>
      )}
      <Group justify="space-between" mt={6}>
        <Text fz="xs" c={over ? (canThread ? WARN_COLOR : 'red.8') : 'dimmed'} data-testid="char-counter" aria-live="polite" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {limit !== null ? `${length} / ${limit}` : `${length} characters`}
          {over && (canThread ? ` · will be sent as a thread of ${Math.max(parts.length, 2)}` : ` · too long for ${channel}`)}
        </Text>
        <Button size="xs" onClick={() => void submit()} disabled={blocked} loading={pending} color={effectiveMode === 'note' ? 'yellow.8' : undefined}>
          {isReply ? 'Send reply' : 'Add note'}
        </Button>
      </Group>
      {!canReply && (
        <Alert mt="xs" color="gray" variant="light" p="xs">
          <Text fz="xs">Your role cannot reply to customers.</Text>
        </Alert>
      )}
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title="Send despite the warnings?" size="md">
        <Stack gap="sm">
          <ComplianceFindings findings={confirming ?? []} />
          <Text fz="sm">Check the reply once more. Sending records that you read these warnings.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Keep editing
            </Button>
            <Button
              color={WARN_COLOR}
              loading={reply.isPending}
              onClick={() => {
                setConfirming(null);
                void send(true);
              }}
            >
              Send anyway
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
});
Composer.displayName = 'Composer';
