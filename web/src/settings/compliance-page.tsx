import { useEffect, useState } from 'react';
import { ActionIcon, Button, Group, Paper, SegmentedControl, Select, Stack, Switch, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ComplianceSettingsBody, ComplianceSettingsView, CompliancePatternTestView } from '@contracts';
import { ApiError, api, messageOf, request } from '../api/client.ts';
import { can, useSignedIn } from '../api/session.ts';
import { FormAlert } from '../components/form-alert.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';

const KEY = ['compliance'] as const;
type Setting = 'off' | 'warn' | 'block';
type Action = 'warn' | 'block';
type Builtin = keyof ComplianceSettingsView['builtins'];

const BUILTINS: { key: Builtin; label: string; hint: string }[] = [
  { key: 'cardNumber', label: 'Card numbers', hint: 'Luhn-checked, with or without spaces and dashes; checked in private replies too' },
  { key: 'accountNumber', label: 'Account numbers', hint: 'IBANs (checksum) and numbers labelled as an account; checked in private replies too' },
  { key: 'email', label: 'Email addresses', hint: 'Public replies only' },
  { key: 'phone', label: 'Phone numbers', hint: 'International and national formats; public replies only' },
  { key: 'address', label: 'Postal addresses', hint: 'Street addresses and postcodes; public replies only' },
];
const SETTING_DATA = [
  { value: 'off', label: 'Off' },
  { value: 'warn', label: 'Warn' },
  { value: 'block', label: 'Block' },
];
const ACTION_DATA = SETTING_DATA.slice(1);

interface PatternRow {
  id?: string;
  name: string;
  pattern: string;
  flags?: string;
  action: Action;
}

/** The matches of one pattern in the sample text, from the server (which refuses catastrophic patterns before running them). */
const PatternMatches = ({ pattern, flags, sample }: { pattern: string; flags: string; sample: string }) => {
  const [debounced] = useDebouncedValue(JSON.stringify({ pattern, flags, text: sample }), 300);
  const test = useQuery({
    queryKey: ['compliance-test', debounced],
    queryFn: () => api.post<CompliancePatternTestView>('/api/compliance/test-pattern', JSON.parse(debounced)),
    enabled: pattern.trim() !== '' && sample.trim() !== '',
    retry: false,
  });
  if (!pattern.trim() || !sample.trim() || !test.data) return null;
  if (test.data.problem) return <Text fz="xs" c="red.8">{test.data.problem}</Text>;
  return (
    <Text fz="xs" c={test.data.matches.length ? 'dark.7' : 'dimmed'} fw={test.data.matches.length ? 600 : 400} data-testid="pattern-matches">
      {test.data.matches.length ? `Matches: ${test.data.matches.map((m) => `“${m.text}”`).join(', ')}` : 'No match in the sample'}
    </Text>
  );
};

const ComplianceForm = ({ initial, readOnly }: { initial: ComplianceSettingsView; readOnly: boolean }) => {
  const qc = useQueryClient();
  const [builtins, setBuiltins] = useState(initial.builtins);
  const [businessHours, setBusinessHours] = useState<Setting>(initial.businessHours as Setting);
  const [patterns, setPatterns] = useState<PatternRow[]>(initial.patterns as PatternRow[]);
  const [promises, setPromises] = useState(initial.forbiddenPromises as { phrase: string; action: Action }[]);
  const [approval, setApproval] = useState(initial.requireApprovalForPublicReply);
  const [template, setTemplate] = useState(initial.movePrivateTemplate ?? '');
  const [sample, setSample] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: ComplianceSettingsBody) => request<ComplianceSettingsView>('PUT', '/api/compliance', body),
    onSuccess: (saved) => qc.setQueryData(KEY, saved),
  });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    // Checked here first, then by the server (which also refuses invalid and catastrophic regexes).
    const local: Record<string, string> = {};
    patterns.forEach((p, i) => {
      if (!p.name.trim()) local[`/body/patterns/${i}/name`] = 'Give the pattern a name';
      if (!p.pattern.trim()) local[`/body/patterns/${i}/pattern`] = 'Write a regular expression';
    });
    promises.forEach((p, i) => {
      if (!p.phrase.trim()) local[`/body/forbiddenPromises/${i}/phrase`] = 'Write the phrase';
    });
    setProblems(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    try {
      const saved = await save.mutateAsync({
        builtins,
        businessHours,
        patterns: patterns.map((p) => ({ ...(p.id ? { id: p.id } : {}), name: p.name.trim(), pattern: p.pattern, ...(p.flags ? { flags: p.flags } : {}), action: p.action })),
        forbiddenPromises: promises.map((p) => ({ phrase: p.phrase.trim(), action: p.action })),
        requireApprovalForPublicReply: approval,
        movePrivateTemplate: template.trim() || null,
      });
      setPatterns(saved.patterns as PatternRow[]);
      notifications.show({ message: 'Compliance settings saved', color: 'teal' });
    } catch (err) {
      if (err instanceof ApiError && err.problems.length) {
        setProblems(Object.fromEntries(err.problems.map((p) => [p.path, p.message])));
        setFormError('Some fields need attention');
      } else setFormError(messageOf(err));
    }
  };

  // An edited field drops its error: the message was about the value it had.
  const clearProblems = (prefix: string) => setProblems((ps) => Object.fromEntries(Object.entries(ps).filter(([k]) => !k.startsWith(prefix))));
  const setPattern = (i: number, patch: Partial<PatternRow>) => {
    clearProblems(`/body/patterns/${i}/`);
    setPatterns((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  };
  const setPromise = (i: number, patch: Partial<{ phrase: string; action: Action }>) => {
    clearProblems(`/body/forbiddenPromises/${i}/`);
    setPromises((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Compliance settings">
      <Stack gap="lg" maw={900}>
        <FormAlert message={formError} />
        <Paper withBorder p="md">
          <Title order={2} fz="md" mb="xs">
            Personal and account data
          </Title>
          <Table verticalSpacing={6}>
            <Table.Tbody>
              {BUILTINS.map((b) => (
                <Table.Tr key={b.key}>
                  <Table.Td>
                    <Text fz="sm" fw={500} id={`builtin-${b.key}`}>
                      {b.label}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {b.hint}
                    </Text>
                  </Table.Td>
                  <Table.Td w={220}>
                    <SegmentedControl size="xs" data={SETTING_DATA} value={builtins[b.key]} disabled={readOnly} aria-labelledby={`builtin-${b.key}`} onChange={(v) => setBuiltins((x) => ({ ...x, [b.key]: v as Setting }))} />
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td>
                  <Text fz="sm" fw={500} id="builtin-hours">
                    Outside business hours
                  </Text>
                  <Text fz="xs" c="dimmed">
                    A public reply when the channel's calendar (set by a channel rule) is closed
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SegmentedControl size="xs" data={SETTING_DATA} value={businessHours} disabled={readOnly} aria-labelledby="builtin-hours" onChange={(v) => setBusinessHours(v as Setting)} />
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>

        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} fz="md">
              Custom patterns
            </Title>
            {!readOnly && (
              <Button size="xs" variant="default" onClick={() => setPatterns((ps) => [...ps, { name: '', pattern: '', action: 'warn' }])}>
                Add pattern
              </Button>
            )}
          </Group>
          <Text fz="xs" c="dimmed" mb="sm">
            Regular expressions (JavaScript syntax, at most 200 characters). Nested repetitions such as (a+)+ are refused: they could hang the check.
          </Text>
          <Stack gap="sm">
            {patterns.map((p, i) => (
              <Stack key={p.id ?? `new-${i}`} gap={4} data-testid="pattern-row">
                <Group gap="xs" align="flex-start" wrap="nowrap">
                  <TextInput size="xs" label="Name" value={p.name} disabled={readOnly} onChange={(e) => setPattern(i, { name: e.currentTarget.value })} error={problems[`/body/patterns/${i}/name`]} w={200} />
                  <TextInput size="xs" label="Pattern" value={p.pattern} disabled={readOnly} onChange={(e) => setPattern(i, { pattern: e.currentTarget.value })} error={problems[`/body/patterns/${i}/pattern`]} style={{ flex: 1 }} ff="monospace" />
                  <TextInput size="xs" label="Flags" value={p.flags ?? ''} disabled={readOnly} onChange={(e) => setPattern(i, { flags: e.currentTarget.value })} error={problems[`/body/patterns/${i}/flags`]} w={70} />
                  <Select size="xs" label="Action" data={ACTION_DATA} value={p.action} disabled={readOnly} allowDeselect={false} onChange={(v) => v && setPattern(i, { action: v as Action })} w={100} />
                  {!readOnly && (
                    <ActionIcon mt={22} variant="subtle" color="red" aria-label={`Remove pattern ${p.name || i + 1}`} onClick={() => setPatterns((ps) => ps.filter((_, j) => j !== i))}>
                      ×
                    </ActionIcon>
                  )}
                </Group>
                <PatternMatches pattern={p.pattern} flags={p.flags ?? ''} sample={sample} />
              </Stack>
            ))}
            {!patterns.length && (
              <Text fz="sm" c="dimmed">
                No custom pattern.
              </Text>
            )}
            <Textarea size="xs" label="Test text" description="Paste a sample reply: each pattern shows what it matches" autosize minRows={2} value={sample} onChange={(e) => setSample(e.currentTarget.value)} />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} fz="md">
              Forbidden promises
            </Title>
            {!readOnly && (
              <Button size="xs" variant="default" onClick={() => setPromises((ps) => [...ps, { phrase: '', action: 'block' }])}>
                Add phrase
              </Button>
            )}
          </Group>
          <Text fz="xs" c="dimmed" mb="sm">
            Whole words, any case, in public and private replies: "full refund", "guarantee", "we will compensate"…
          </Text>
          <Stack gap="xs">
            {promises.map((p, i) => (
              <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid="promise-row">
                <TextInput size="xs" aria-label={`Phrase ${i + 1}`} value={p.phrase} disabled={readOnly} onChange={(e) => setPromise(i, { phrase: e.currentTarget.value })} error={problems[`/body/forbiddenPromises/${i}/phrase`]} style={{ flex: 1 }} />
                <Select size="xs" aria-label={`Action for phrase ${i + 1}`} data={ACTION_DATA} value={p.action} disabled={readOnly} allowDeselect={false} onChange={(v) => v && setPromise(i, { action: v as Action })} w={100} />
                {!readOnly && (
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove phrase ${p.phrase || i + 1}`} onClick={() => setPromises((ps) => ps.filter((_, j) => j !== i))}>
                    ×
                  </ActionIcon>
                )}
              </Group>
            ))}
            {!promises.length && (
              <Text fz="sm" c="dimmed">
                No forbidden phrase.
              </Text>
            )}
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Title order={2} fz="md" mb="sm">
            Approval and private paths
          </Title>
          <Stack gap="sm">
            <Switch label="A supervisor approves every public reply before it leaves" description="For regulated industries; channel rules can require it for some channels only" checked={approval} disabled={readOnly} onChange={(e) => setApproval(e.currentTarget.checked)} />
            <TextInput
              label="Move-to-private invitation"
              description="The public reply when an agent moves a conversation to private; {{private.invitation}} says where to look"
              placeholder="Let's take this private: {{private.invitation}}"
              value={template}
              disabled={readOnly}
              onChange={(e) => {
                clearProblems('/body/movePrivateTemplate');
                setTemplate(e.currentTarget.value);
              }}
              error={problems['/body/movePrivateTemplate']}
            />
          </Stack>
        </Paper>
        {!readOnly && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
};

/** The compliance guard: what a reply may not contain, and the approval requirement. Admins edit; repliers read. */
export const CompliancePage = () => {
  const session = useSignedIn();
  const settings = useQuery({ queryKey: KEY, queryFn: () => api.get<ComplianceSettingsView>('/api/compliance') });
  const readOnly = !can(session, 'workspace:manage');
  // A fresh form when the settings are (re)loaded from elsewhere, not while editing.
  const [version, setVersion] = useState(0);
  useEffect(() => setVersion((v) => v + 1), [settings.dataUpdatedAt]);
  return (
    <>
      <PageHeader title="Compliance" description={`What a reply may not contain, checked as agents type and again when they send${readOnly ? ' · read only' : ''}`} />
      {settings.isError ? <LoadError error={settings.error} onRetry={() => void settings.refetch()} /> : !settings.data ? <TableSkeleton /> : <ComplianceForm key={version} initial={settings.data} readOnly={readOnly} />}
    </>
  );
};
