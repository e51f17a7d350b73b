import { useState } from 'react';
import { Box, Button, Group, List, Paper, Radio, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { StatusBadge } from './status-badge.tsx';
import { messageOf } from '../api/client.ts';
import { ACTION_LABELS } from './rule-model.ts';
import { previewQuery, testRule, type QueryPreview, type RuleTest } from './settings-api.ts';

interface Trace {
  path: string;
  matched: boolean;
  text: string;
  children?: Trace[];
}

const TraceTree = ({ t }: { t: Trace }) => (
  <List.Item
    icon={
      <ThemeIcon size={18} radius="xl" color={t.matched ? 'teal' : 'red'} variant="light" aria-label={t.matched ? 'matched' : 'did not match'}>
        <span aria-hidden style={{ fontSize: 11 }}>{t.matched ? '✓' : '✗'}</span>
      </ThemeIcon>
    }
    data-trace={t.matched ? 'matched' : 'unmatched'}
  >
    <Text fz="sm">{t.children ? `${t.text} of:` : t.text}</Text>
    {t.children && (
      <List spacing={4} mt={4} withPadding>
        {t.children.map((c) => (
          <TraceTree key={c.path} t={c} />
        ))}
      </List>
    )}
  </List.Item>
);

/** Find a past mention (by a word it contains), run the rule being edited on it, and show why it fires or not. */
export const RuleTester = ({ rule, problems }: { rule: () => { name: string; definition: Record<string, unknown> } | null; problems: (err: unknown) => void }) => {
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<QueryPreview | null>(null);
  const [mentionId, setMentionId] = useState<string | null>(null);
  const [result, setResult] = useState<RuleTest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const find = async () => {
    setError(null);
    setResult(null);
    if (!search.trim()) return setError('Type a word the mention contains');
    try {
      const r = await previewQuery(search.trim().split(/\s+/).map((w) => (/^[\p{L}\p{N}]+$/u.test(w) ? w : `"${w.replaceAll('"', '')}"`)).join(' '));
      setFound(r);
      setMentionId(r.examples[0]?.mentionId ?? null);
      if (!r.examples.length) setError('No recent mention contains that');
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const run = async () => {
    const current = rule();
    if (!current || !mentionId) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await testRule({ ...current, mentionId }));
    } catch (err) {
      problems(err);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="sm" component="section" aria-label="Test against a past mention">
      <Stack gap="xs">
        <Text fw={600} fz="sm">
          Test against a past mention
        </Text>
        <Group gap="xs" align="flex-end">
          <TextInput
            label="Find a mention"
            placeholder="A word it contains"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void find();
              }
            }}
            style={{ flex: 1 }}
          />
          <Button variant="default" onClick={() => void find()}>
            Find
          </Button>
        </Group>
        {found && found.examples.length > 0 && (
          <Radio.Group label="Mention" value={mentionId} onChange={setMentionId}>
            <Stack gap={4} mt={4}>
              {found.examples.slice(0, 5).map((m) => (
                <Radio key={m.mentionId} value={m.mentionId} label={<Text fz="sm" lineClamp={1}>{`[${m.channelKind}] ${m.text}`}</Text>} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {mentionId && (
          <Button onClick={() => void run()} loading={busy} w="fit-content">
            Test rule
          </Button>
        )}
        {error && (
          <Text fz="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
        {result && (
          <Box aria-live="polite" data-rule-test={result.matched ? 'fires' : 'no'}>
            <Group gap="xs" mb={6}>
              <StatusBadge color={result.matched ? 'teal' : 'gray'} size="lg">
                {result.matched ? 'The rule fires' : 'The rule does not fire'}
              </StatusBadge>
              {!result.enabled && <StatusBadge color="yellow">disabled: it would not run</StatusBadge>}
            </Group>
            <List spacing={4}>
              <TraceTree t={result.trace as Trace} />
            </List>
            {result.matched && (
              <Text fz="sm" mt={6}>
                Then: {(result.actions as { type: string }[]).map((a) => ACTION_LABELS[a.type] ?? a.type).join(', ')}
              </Text>
            )}
          </Box>
        )}
      </Stack>
    </Paper>
  );
};
