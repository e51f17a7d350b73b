import { useRef } from 'react';
import { Button, Group, Modal, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { StatusBadge } from './status-badge.tsx';
import { notifications } from '@mantine/notifications';
import { FormAlert } from '../components/form-alert.tsx';
import { rules, useForm } from '../forms/use-form.ts';
import { useCreateCanned, useUpdateCanned, type CannedReply } from './settings-api.ts';

/** Filled by Lookout when an agent uses the reply (src/modules/conversations/canned-replies.ts); anything else the agent fills in. */
export const BUILT_IN_VARIABLES = [
  { name: 'customer.name', hint: 'the customer’s name', sample: 'Kim Kay' },
  { name: 'customer.handle', hint: 'their handle on the channel', sample: '@kim_k' },
  { name: 'agent.name', hint: 'the replying agent’s name', sample: 'Sam Ortiz' },
  { name: 'agent.persona', hint: 'the agent’s signature, e.g. ^SO', sample: '^SO' },
] as const;

const VARIABLE = /\{\{\s*([a-zA-Z]\w*(?:\.[a-zA-Z]\w*)*)\s*\}\}/g;
const SAMPLES: Record<string, string> = Object.fromEntries(BUILT_IN_VARIABLES.map((v) => [v.name, v.sample]));

/** Braces that are not a well-formed {{variable}} would reach the customer as written (the server refuses them too). */
const strayBraces = (body: string) => {
  const rest = body.replace(VARIABLE, '');
  return rest.includes('{{') || rest.includes('}}');
};

/** The body with sample values in place of built-in variables; others stay marked as for the agent to fill. */
const Preview = ({ body }: { body: string }) => {
  const parts: { text: string; variable?: string }[] = [];
  let last = 0;
  for (const m of body.matchAll(VARIABLE)) {
    parts.push({ text: body.slice(last, m.index) });
    parts.push({ text: SAMPLES[m[1]!] ?? `[${m[1]}]`, variable: m[1] });
    last = m.index + m[0].length;
  }
  parts.push({ text: body.slice(last) });
  return (
    <Paper withBorder p="sm" bg="gray.0" component="section" aria-label="Preview">
      <Text fz="xs" c="dimmed" mb={4}>
        Preview with sample values
      </Text>
      <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }} data-canned-preview="">
        {body.trim()
          ? parts.map((p, i) =>
              p.variable ? (
                <Text key={i} span fw={600} c={SAMPLES[p.variable] ? 'indigo.8' : 'orange.9'} title={SAMPLES[p.variable] ? `{{${p.variable}}}` : 'The agent fills this in'}>
                  {p.text}
                </Text>
              ) : (
                <span key={i}>{p.text}</span>
              ),
            )
          : 'Write the reply to see it here.'}
      </Text>
    </Paper>
  );
};

interface Values extends Record<string, unknown> {
  name: string;
  body: string;
}

export const CannedReplyModal = ({ reply, opened, onClose, onExited }: { reply?: CannedReply; opened: boolean; onClose: () => void; onExited?: () => void }) => {
  const create = useCreateCanned();
  const update = useUpdateCanned();
  const isNew = !reply;
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const form = useForm<Values, CannedReply>({
    initial: { name: reply?.name ?? '', body: reply?.body ?? '' },
    validate: (v) => ({
      name: rules.required(v.name, 'Name') ?? rules.maxLength(v.name, 200, 'The name'),
      body: rules.required(v.body, 'The reply') ?? (strayBraces(v.body) ? 'Write variables as {{customer.name}}; a lone brace would reach the customer' : undefined),
    }),
    submit: (v) => (isNew ? create.mutateAsync({ name: v.name.trim(), body: v.body }) : update.mutateAsync({ id: reply.id, patch: { name: v.name.trim(), body: v.body } })),
    onSuccess: (r) => {
      notifications.show({ message: isNew ? `Canned reply ${r.name} was created` : `Canned reply ${r.name} was saved`, color: 'teal' });
      onClose();
    },
  });
  /** Puts {{variable}} where the cursor is, and the cursor after it. */
  const insert = (name: string) => {
    const el = bodyRef.current;
    const token = `{{${name}}}`;
    const at = el?.selectionStart ?? form.values.body.length;
    const end = el?.selectionEnd ?? at;
    form.setField('body', form.values.body.slice(0, at) + token + form.values.body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={isNew ? 'New canned reply' : `Edit ${reply.name}`} size="lg">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label={isNew ? 'New canned reply' : 'Edit canned reply'}>
        <Stack gap="sm">
          <FormAlert message={form.formError} />
          <TextInput label="Name" required data-autofocus placeholder="Sorry for the outage" {...form.text('name')} />
          <Textarea ref={bodyRef} label="Reply" required autosize minRows={4} description="Variables are filled when an agent uses it; other {{names}} are asked of the agent." {...form.text('body')} />
          <Group gap={6} role="group" aria-label="Insert a variable">
            {BUILT_IN_VARIABLES.map((v) => (
              <Button key={v.name} size="compact-xs" variant="light" title={v.hint} onClick={() => insert(v.name)}>
                {`{{${v.name}}}`}
              </Button>
            ))}
          </Group>
          <Preview body={form.values.body} />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {isNew ? 'Create reply' : 'Save changes'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};

export const VariableBadges = ({ variables }: { variables: string[] }) => (
  <Group gap={4}>
    {variables.map((v) => (
      <StatusBadge key={v} size="sm" color={SAMPLES[v] ? 'indigo' : 'orange'} tt="none">
        {v}
      </StatusBadge>
    ))}
  </Group>
);
