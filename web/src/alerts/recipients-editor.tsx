import { ActionIcon, Button, Checkbox, Group, NumberInput, Paper, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { PlusIcon } from '../components/icons.tsx';
import { generateSecret, KIND_LABELS, newRecipient, type QuietDraft, type RecipientDraft, type RecipientKind } from './rule-model.ts';
import { TimeRange } from './time-range.tsx';

export interface EditorContext {
  members: { value: string; label: string }[];
  /** Server problems keyed by their path below /body/definition ('recipients/0/url'). */
  problems: Record<string, string>;
}

const at = (problems: Record<string, string>, path: string) => {
  const hits = Object.entries(problems).filter(([p]) => p === path || p.startsWith(`${path}/`));
  return hits.length ? hits.map(([, m]) => m).join('; ') : undefined;
};

const RecipientRow = ({ r, path, label, ctx, onChange, onRemove }: { r: RecipientDraft; path: string; label: string; ctx: EditorContext; onChange: (r: RecipientDraft) => void; onRemove: () => void }) => {
  const err = (field: string) => at(ctx.problems, `${path}/${field}`);
  const setQuiet = (quietHours: QuietDraft) => onChange({ ...r, quietHours });
  return (
    <Paper withBorder p="xs" radius="sm" data-recipient={r.kind}>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <Select
          label={`${label}: kind`}
          data={(Object.keys(KIND_LABELS) as RecipientKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          value={r.kind}
          allowDeselect={false}
          onChange={(v) => v && onChange({ ...newRecipient(v as RecipientKind), ...(v === r.kind ? r : {}) })}
          w={220}
        />
        {r.kind === 'member' && (
          <>
            <Select label={`${label}: member`} data={ctx.members} value={r.memberId || null} onChange={(v) => onChange({ ...r, memberId: v ?? '' })} searchable error={err('memberId')} w={220} />
            <Checkbox label="Also by email" checked={r.email} onChange={(e) => onChange({ ...r, email: e.currentTarget.checked })} mt={30} />
          </>
        )}
        {r.kind === 'email' && <TextInput label={`${label}: address`} type="email" value={r.address} onChange={(e) => onChange({ ...r, address: e.currentTarget.value })} error={err('address')} w={280} />}
        {(r.kind === 'slack' || r.kind === 'webhook') && (
          <TextInput
            label={`${label}: ${r.kind === 'slack' ? 'incoming webhook URL' : 'URL'}`}
            placeholder={r.urlHint ? `${r.urlHint} (kept; type to replace)` : 'https://…'}
            value={r.url}
            onChange={(e) => onChange({ ...r, url: e.currentTarget.value })}
            error={err('url')}
            w={340}
          />
        )}
        {r.kind === 'webhook' && (
          <Stack gap={4}>
            <PasswordInput
              label={`${label}: signing secret`}
              placeholder={r.hasSecret ? 'set (type to replace)' : 'at least 16 characters'}
              value={r.secret}
              onChange={(e) => onChange({ ...r, secret: e.currentTarget.value })}
              error={err('secret')}
              w={260}
              description={r.secret ? 'Copy it now: it is never shown again.' : undefined}
            />
            <Button size="compact-xs" variant="subtle" onClick={() => onChange({ ...r, secret: generateSecret() })}>
              Generate a secret
            </Button>
          </Stack>
        )}
        <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove} mt={28}>
          ×
        </ActionIcon>
      </Group>
      {/* Quiet hours only hold back what leaves Lookout: a console-only member has nothing to hold. */}
      {(r.kind !== 'member' || r.email) && (
        <Group align="flex-start" gap="md" mt="xs">
          <Checkbox
            label={`${label}: own quiet hours`}
            description="Instead of the rule's, for this recipient (e.g. an on-call phone at night)"
            checked={Boolean(r.quietHours)}
            onChange={(e) => onChange({ ...r, quietHours: e.currentTarget.checked ? { from: '22:00', to: '07:00', minSeverity: 8 } : undefined })}
          />
          {r.quietHours && (
            <>
              <TimeRange label={`${label} quiet`} value={r.quietHours} onChange={(v) => setQuiet({ ...r.quietHours!, ...v })} error={err('quietHours/from') ?? err('quietHours/to')} />
              <NumberInput
                label={`${label}: still alert from severity`}
                min={1}
                max={10}
                allowDecimal={false}
                value={r.quietHours.minSeverity}
                onChange={(v) => setQuiet({ ...r.quietHours!, minSeverity: Number(v) || 1 })}
                error={err('quietHours/minSeverity')}
                w={200}
              />
            </>
          )}
        </Group>
      )}
      {err('') && (
        <Text c="red" fz="xs" mt={4}>
          {err('')}
        </Text>
      )}
    </Paper>
  );
};

/** The recipients of one level; `path` is where the server reports their problems ('recipients', 'escalation/levels/0/recipients'). */
export const RecipientsEditor = ({ recipients, path, label, ctx, onChange }: { recipients: RecipientDraft[]; path: string; label: string; ctx: EditorContext; onChange: (r: RecipientDraft[]) => void }) => (
  <Stack gap="xs">
    {recipients.map((r, i) => (
      <RecipientRow
        key={i}
        r={r}
        path={`${path}/${i}`}
        label={`${label} ${i + 1}`}
        ctx={ctx}
        onChange={(next) => onChange(recipients.map((x, j) => (j === i ? next : x)))}
        onRemove={() => onChange(recipients.filter((_, j) => j !== i))}
      />
    ))}
    {ctx.problems[path] && (
      <Text c="red" fz="xs">
        {ctx.problems[path]}
      </Text>
    )}
    <Group>
      <Button size="compact-sm" variant="light" leftSection={<PlusIcon size={14} />} onClick={() => onChange([...recipients, newRecipient()])}>
        Add recipient
      </Button>
    </Group>
  </Stack>
);
