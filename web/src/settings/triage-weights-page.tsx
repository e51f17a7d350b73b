import { useState, type ReactNode } from 'react';
import { Button, Group, NumberInput, Paper, SimpleGrid, Slider, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError, messageOf } from '../api/client.ts';
import { can, useSignedIn } from '../api/session.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { FormAlert } from '../components/form-alert.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useResetWeights, useSaveWeights, useTriageWeights, type TriageWeights } from './settings-api.ts';

type Weights = Record<string, unknown>;
type Path = [string] | [string, string];

const SIGNALS: [string, string][] = [
  ['base', 'Every mention starts at'],
  ['negative', 'Negative sentiment (× probability)'],
  ['complaint', 'Complaint (× probability)'],
  ['needsResponse', 'Needs a response (× probability)'],
  ['influence', 'Author influence (× 0–1 score)'],
  ['vip', 'VIP customer'],
];
const THRESHOLDS: [string, string, number, number, number][] = [
  ['needsResponseThreshold', 'Needs-response threshold', 0.05, 0.95, 0.05],
  ['complaintThreshold', 'Complaint threshold', 0.05, 0.95, 0.05],
  ['waitingFullAfterMinutes', 'Minutes of waiting for the full “waiting” points', 1, 1440, 1],
];
const words = (key: string) => key.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

const read = (w: Weights, [a, b]: Path): number => (b ? ((w[a] as Record<string, number>)?.[b] ?? 0) : (w[a] as number));
const write = (w: Weights, [a, b]: Path, v: number): Weights => (b ? { ...w, [a]: { ...(w[a] as Record<string, number>), [b]: v } } : { ...w, [a]: v });

/** Only what differs from the defaults is stored, so later changes to the defaults still reach this workspace. */
const overrideOf = (values: Weights, defaults: Weights): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'object' && v !== null) {
      const d = (defaults[k] ?? {}) as Record<string, number>;
      const diff = Object.fromEntries(Object.entries(v as Record<string, number>).filter(([n, x]) => x !== d[n]));
      if (Object.keys(diff).length) out[k] = diff;
    } else if (v !== defaults[k]) out[k] = v;
  }
  return out;
};

const WeightRow = ({ label, path, values, defaults, readOnly, error, onChange, min = -50, max = 50, step = 1 }: {
  label: string; path: Path; values: Weights; defaults: Weights; readOnly: boolean; error?: string; onChange: (p: Path, v: number) => void; min?: number; max?: number; step?: number;
}) => {
  const value = read(values, path);
  const def = read(defaults, path);
  const changed = value !== def;
  const id = `w-${path.join('-')}`;
  return (
    <Stack gap={2} data-weight={path.join('.')}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text component="label" htmlFor={id} fz="sm" fw={changed ? 600 : 400}>
          {label}
        </Text>
        <Text fz="xs" c={changed ? 'indigo.8' : 'dimmed'}>
          default {def}
          {changed && !readOnly && (
            <Button size="compact-xs" variant="subtle" ml={4} onClick={() => onChange(path, def)} aria-label={`Reset ${label} to default`}>
              reset
            </Button>
          )}
        </Text>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <Slider style={{ flex: 1 }} min={min} max={max} step={step} value={value} onChange={(v) => onChange(path, v)} disabled={readOnly} label={null} thumbLabel={`${label} slider`} color={changed ? 'indigo' : 'gray.5'} />
        <NumberInput id={id} w={90} min={min} max={max} step={step} decimalScale={step < 1 ? 2 : 0} value={value} onChange={(v) => typeof v === 'number' && onChange(path, v)} disabled={readOnly} error={error} aria-invalid={error ? true : undefined} />
      </Group>
    </Stack>
  );
};

const Card = ({ title, children }: { title: string; children: ReactNode }) => (
  <Paper withBorder p="md" component="section" aria-label={title}>
    <Title order={2} fz="md" mb="sm">
      {title}
    </Title>
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="sm">
      {children}
    </SimpleGrid>
  </Paper>
);

const WeightsForm = ({ data, readOnly }: { data: TriageWeights; readOnly: boolean }) => {
  const save = useSaveWeights();
  const reset = useResetWeights();
  const [values, setValues] = useState<Weights>(data.effective);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const defaults = data.defaults;
  const change = (p: Path, v: number) => {
    setValues((w) => write(w, p, v));
    setErrors((e) => ({ ...e, [p.join('/')]: '' }));
  };
  const row = (label: string, path: Path, extra: { min?: number; max?: number; step?: number } = {}) => (
    <WeightRow key={path.join('.')} label={label} path={path} values={values} defaults={defaults} readOnly={readOnly} error={errors[path.join('/')] || undefined} onChange={change} {...extra} />
  );
  const dirty = JSON.stringify(overrideOf(values, defaults)) !== JSON.stringify(overrideOf(data.effective, defaults));

  const submit = async () => {
    setFormError(null);
    const bad = Object.entries(values).flatMap(([k, v]) => (typeof v === 'number' && !Number.isFinite(v) ? [k] : []));
    if (bad.length) return setFormError(`Give a number for ${bad.join(', ')}`);
    try {
      const saved = await save.mutateAsync(overrideOf(values, defaults) as never);
      setValues(saved.effective);
      notifications.show({ message: 'Priority weights saved; new mentions use them', color: 'teal' });
    } catch (err) {
      const fieldErrs: Record<string, string> = {};
      if (err instanceof ApiError) for (const p of err.problems) fieldErrs[p.path.replace(/^\/body\//, '')] = p.message;
      setErrors(fieldErrs);
      setFormError(messageOf(err));
    }
  };

  return (
    <Stack gap="md">
      <FormAlert message={formError} />
      {!readOnly && (
        <Group justify="space-between">
          <ConfirmButton variant="default" title="Reset every weight to its default?" message="Your workspace's changes to the weights are removed." confirmLabel="Reset to defaults" successMessage="Weights are back to the defaults" onConfirm={async () => setValues((await reset.mutateAsync()).effective)}>
            Reset all to defaults
          </ConfirmButton>
          <Button onClick={() => void submit()} loading={save.isPending} disabled={!dirty}>
            Save weights
          </Button>
        </Group>
      )}
      <Card title="Signals">{SIGNALS.map(([k, label]) => row(label, [k]))}</Card>
      <Card title="Intent">{Object.keys(defaults.intent as object).map((k) => row(words(k), ['intent', k]))}</Card>
      <Card title="Urgency cues">{Object.keys(defaults.urgency as object).map((k) => row(words(k), ['urgency', k]))}</Card>
      <Card title="Customer tier">{Object.keys(values.tier as object).map((k) => row(words(k), ['tier', k]))}</Card>
      <Card title="Thresholds">{THRESHOLDS.map(([k, label, min, max, step]) => row(label, [k], { min, max, step }))}</Card>
    </Stack>
  );
};

export const TriageWeightsPage = () => {
  const session = useSignedIn();
  const weights = useTriageWeights();
  const readOnly = !can(session, 'workspace:manage');
  return (
    <>
      <PageHeader title="Triage weights" description={readOnly ? 'How much each signal adds to a mention’s 0–100 priority. Only admins change them.' : 'How much each signal adds to a mention’s 0–100 priority. Changes apply to new mentions.'} />
      {weights.isError ? (
        <LoadError error={weights.error} onRetry={() => void weights.refetch()} />
      ) : !weights.data ? (
        <TableSkeleton rows={6} />
      ) : (
        <WeightsForm data={weights.data} readOnly={readOnly} />
      )}
    </>
  );
};
