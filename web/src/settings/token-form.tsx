import { useState } from 'react';
import { Alert, Button, Code, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useCreateToken } from '../api/resources.ts';
import type { CreatedToken, Role } from '../api/types.ts';
import { FormAlert } from '../components/form-alert.tsx';
import { rules, useForm } from '../forms/use-form.ts';
import { RoleSelect } from './role-select.tsx';

const EXPIRIES = [
  { value: 'never', label: 'Never' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In one year' },
];

interface TokenFields extends Record<string, unknown> {
  name: string;
  role: Role;
  expires: string;
}

/** Create an API token; its secret is shown exactly once, right after. */
export const TokenFormModal = ({ opened, onClose, onExited }: { opened: boolean; onClose: () => void; onExited?: () => void }) => {
  const create = useCreateToken();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const form = useForm<TokenFields, CreatedToken>({
    initial: { name: '', role: 'agent', expires: '90' },
    validate: (v) => ({ name: rules.required(v.name, 'Name') ?? rules.maxLength(v.name, 200, 'The name') }),
    submit: (v) =>
      create.mutateAsync({
        name: v.name.trim(),
        role: v.role,
        expiresAt: v.expires === 'never' ? null : new Date(Date.now() + Number(v.expires) * 86_400_000).toISOString(),
      }),
    onSuccess: (t) => setCreated(t),
  });

  if (created) {
    return (
      <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title="Copy your new token" closeOnClickOutside={false}>
        <Stack gap="sm">
          <Alert color="yellow" variant="light" title="This is the only time it is shown" styles={{ title: { color: '#6b4100' } }}>
            Lookout stores only a hash of it. Keep it in your integration&apos;s secret store; if it is lost, revoke it and create another.
          </Alert>
          <Group gap="xs" wrap="nowrap" align="center">
            <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all', overflow: 'visible' }} data-testid="new-token">
              {created.token}
            </Code>
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Button variant={copied ? 'light' : 'filled'} color={copied ? 'teal' : undefined} onClick={copy} w={92}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text fz="sm" c="dimmed">
            Send it as <span className="mono">Authorization: Bearer {created.prefix}…</span>
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              Done
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title="Create an API token">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label="Create an API token">
        <Stack gap="sm">
          <FormAlert message={form.formError} />
          <TextInput label="Name" description="What uses it, e.g. CRM sync" required data-autofocus {...form.text('name')} />
          <RoleSelect {...form.pick('role')} />
          <Select label="Expires" data={EXPIRIES} {...form.pick('expires')} onChange={(v) => v && form.setField('expires', v)} />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
