import { useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PrivatePathOption } from '@contracts';
import { ApiError, messageOf } from '../api/client.ts';
import { ComplianceFindings, WARN_COLOR } from './compliance-findings.tsx';
import { useComplianceSettings, useMovePrivate, usePrivatePaths } from './api.ts';

const DEFAULT_TEMPLATE = "Let's take this private: {{private.invitation}}";
const INVITATION: Record<string, string> = {
  dm: 'we have sent you a direct message.',
  email: 'we have sent you an email at the address we have on file.',
  webchat: 'continue with us in a secure chat: {{private.link}}',
};
const DEFAULT_OPENING = 'Following up on your public message: tell us here what happened, with any details you would rather not post publicly.';
const PATH_LABELS: Record<string, string> = { dm: 'Direct message', email: 'Email', webchat: 'Secure chat link' };
const NOTICE: Record<string, string> = { dm: 'direct message', email: 'email', webchat: 'secure chat link' };

const describeOption = (o: PrivatePathOption): string =>
  o.available ? `${o.channel?.name ?? ''}${o.to ? ` → ${o.to}` : ''}` : (o.reason ?? 'Not available');

/**
 * Move to private: pick a path the conversation can take (the others say why not), read the public
 * invitation (the workspace's template) and write the private message. Both land in this
 * conversation; the guard checks both, and a public reply that needs approval waits for it.
 */
const MovePrivateForm = ({ conversationId, onDone }: { conversationId: string; onDone: () => void }) => {
  const paths = usePrivatePaths(conversationId, true);
  const settings = useComplianceSettings();
  const move = useMovePrivate(conversationId);
  const firstAvailable = paths.data?.find((o) => o.available)?.path ?? null;
  const [path, setPath] = useState<string | null>(null);
  const chosen = path ?? firstAvailable;
  const template = settings.data?.movePrivateTemplate ?? DEFAULT_TEMPLATE;
  const [publicText, setPublicText] = useState<string | null>(null);
  const [message, setMessage] = useState(DEFAULT_OPENING);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const shownPublic = publicText ?? (chosen ? template.replaceAll(/\{\{\s*private\.invitation\s*\}\}/g, INVITATION[chosen] ?? '') : '');

  const submit = async (acknowledgeWarnings: boolean) => {
    if (!chosen) return;
    setError(null);
    try {
      await move.mutateAsync({ path: chosen as 'dm' | 'email' | 'webchat', message: message.trim() || DEFAULT_OPENING, publicText: shownPublic.trim(), acknowledgeWarnings });
      notifications.show({ message: `Moved to private by ${NOTICE[chosen] ?? chosen}`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      onDone();
    } catch (e) {
      setError(e as Error);
    }
  };

  if (paths.isError) return <Alert color="red">{messageOf(paths.error)}</Alert>;
  const warning = error instanceof ApiError && error.code === 'COMPLIANCE_WARNING';
  const findings = error instanceof ApiError && (error.code === 'COMPLIANCE_BLOCKED' || warning)
    ? error.problems.map((p) => ({ kind: p.message.split(':')[0] ?? '', action: (warning ? 'warn' : 'block') as 'warn' | 'block', span: null, message: p.message.replace(/^\w+: /, '') }))
    : [];
  return (
    <Stack gap="sm">
      <Radio.Group label="Private path" value={chosen} onChange={(v) => { setPath(v); setPublicText(null); }} aria-describedby="private-path-help">
        <Stack gap={6} mt={6}>
          {(paths.data ?? []).map((o) => (
            <Radio key={o.path} value={o.path} disabled={!o.available} label={PATH_LABELS[o.path] ?? o.path} description={describeOption(o)} data-testid={`private-path-${o.path}`} />
          ))}
        </Stack>
      </Radio.Group>
      <Text id="private-path-help" fz="xs" c="dimmed">
        Only paths this customer can be reached on are offered.
      </Text>
      {!paths.isLoading && !firstAvailable && <Alert color="gray">No private path is available for this conversation.</Alert>}
      <Textarea label="Public reply (the invitation)" autosize minRows={2} value={shownPublic} onChange={(e) => setPublicText(e.currentTarget.value)} disabled={!chosen} />
      {chosen === 'webchat' && (
        <Text fz="xs" c="dimmed" data-testid="chat-link-help">
          {'{{private.link}}'} becomes a signed link, valid 7 days, to a private chat bound to this conversation. The private message is waiting there for the customer.
        </Text>
      )}
      <Textarea label="Private message" autosize minRows={3} value={message} onChange={(e) => setMessage(e.currentTarget.value)} disabled={!chosen} />
      <ComplianceFindings findings={findings} />
      {error && !findings.length && <Alert color="red">{messageOf(error)}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button onClick={() => void submit(warning)} disabled={!chosen} loading={move.isPending} color={warning ? WARN_COLOR : undefined}>
          {warning ? 'Send anyway' : 'Move to private'}
        </Button>
      </Group>
    </Stack>
  );
};

export const MovePrivateDialog = ({ conversationId, opened, onClose }: { conversationId: string; opened: boolean; onClose: () => void }) => (
  <Modal opened={opened} onClose={onClose} title="Move to private" size="lg">
    {opened && <MovePrivateForm conversationId={conversationId} onDone={onClose} />}
  </Modal>
);
