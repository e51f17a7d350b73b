import { useState } from 'react';
import { Button, Checkbox, Chip, Divider, Group, Modal, NumberInput, Paper, SegmentedControl, Stack, Switch, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AlertRuleView } from '@contracts';
import { messageOf } from '../api/client.ts';
import { FormAlert } from '../components/form-alert.tsx';
import { problemsUnder } from '../settings/problems.ts';
import { useCreateAlertRule, useUpdateAlertRule } from './api.ts';
import { RecipientsEditor, type EditorContext } from './recipients-editor.tsx';
import { TimeRange } from './time-range.tsx';
import { DAYS, definitionOf, draftFrom, emptyDraft, type QuietDraft, type RuleDraft } from './rule-model.ts';

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Stack gap="xs">
    <Title order={2} fz="md">
      {title}
    </Title>
    {children}
  </Stack>
);

/**
 * Who hears about which incidents: conditions (severity, types, products/topics, drills, hours),
 * first recipients, escalation levels, quiet hours, and the limits against alert storms. The
 * server checks everything; its problems appear next to the field they name.
 */
export const AlertRuleEditor = ({ rule, members, opened, onClose, onExited }: { rule?: AlertRuleView; members: EditorContext['members']; opened: boolean; onClose: () => void; onExited?: () => void }) => {
  const [d, setD] = useState<RuleDraft>(() => (rule ? draftFrom(rule) : emptyDraft()));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateAlertRule();
  const update = useUpdateAlertRule();
  const set = (patch: Partial<RuleDraft>) => setD((x) => ({ ...x, ...patch }));
  const ctx: EditorContext = { members, problems };
  const p = (path: string) => problems[path];
  const busy = create.isPending || update.isPending;

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!d.name.trim()) {
      setFormError('Give the rule a name');
      return;
    }
    setFormError(null);
    setProblems({});
    const body = { name: d.name.trim(), isActive: d.isActive, definition: definitionOf(d) };
    try {
      const saved = rule ? await update.mutateAsync({ id: rule.id, patch: body }) : await create.mutateAsync(body);
      notifications.show({ message: rule ? `Alert rule ${saved.name} was saved` : `Alert rule ${saved.name} was added`, color: 'teal', closeButtonProps: { 'aria-label': 'Dismiss' } });
      onClose();
    } catch (err) {
      const found = problemsUnder(err, '/body/definition');
      setProblems(found);
      setFormError(Object.keys(found).length ? 'Fix what is marked below' : messageOf(err));
    }
  };

  const quiet = d.quietHours;
  const setQuiet = (q: Partial<QuietDraft>) => set({ quietHours: { ...(quiet ?? { from: '22:00', to: '07:00', minSeverity: 8 }), ...q } });

  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={rule ? `Edit ${rule.name}` : 'New alert rule'} size={980} closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={(e) => void save(e)} noValidate aria-label={rule ? 'Edit alert rule' : 'New alert rule'}>
        <Stack gap="md">
          <FormAlert message={formError} />
          <Group align="flex-end">
            <TextInput label="Name" required data-autofocus value={d.name} onChange={(e) => set({ name: e.currentTarget.value })} style={{ flex: 1 }} />
            <Switch label="Enabled" checked={d.isActive} onChange={(e) => set({ isActive: e.currentTarget.checked })} mb={8} />
          </Group>

          <Section title="Which incidents">
            <Group align="flex-start" gap="md" wrap="wrap">
              <NumberInput label="Minimum severity (1–10)" min={1} max={10} allowDecimal={false} value={d.minSeverity} onChange={(v) => set({ minSeverity: Number(v) || 1 })} error={p('conditions/minSeverity')} w={190} />
              <TagsInput label="Incident types" description="Any type when empty" placeholder="outage, safety… Enter" value={d.types} onChange={(types) => set({ types })} error={p('conditions/types')} w={260} />
              <TagsInput label="Products or topics" description="Any when empty" placeholder="battery, login… Enter" value={d.terms} onChange={(terms) => set({ terms })} error={p('conditions/terms')} w={260} />
            </Group>
            <Stack gap={4}>
              <Text fz="sm" fw={500} id="drills-label">
                Drills
              </Text>
              <SegmentedControl
                aria-labelledby="drills-label"
                value={d.drills}
                onChange={(v) => set({ drills: v as RuleDraft['drills'] })}
                data={[
                  { value: 'include', label: 'Real incidents and drills' },
                  { value: 'exclude', label: 'Real incidents only' },
                  { value: 'only', label: 'Drills only' },
                ]}
                w="fit-content"
              />
            </Stack>
            <Checkbox label="Only at certain hours (workspace time zone)" checked={d.hours !== null} onChange={(e) => set({ hours: e.currentTarget.checked ? { from: '09:00', to: '17:00', days: [1, 2, 3, 4, 5] } : null })} />
            {d.hours && (
              <Paper withBorder p="xs">
                <TimeRange label="Hours" value={d.hours} onChange={(v) => set({ hours: { ...d.hours!, ...v } })} error={p('conditions/hours/from') ?? p('conditions/hours/to')} />
                <Chip.Group multiple value={d.hours.days.map(String)} onChange={(v) => set({ hours: { ...d.hours!, days: v.map(Number).sort() } })}>
                  <Group gap={6} mt="xs" role="group" aria-label="Days">
                    {DAYS.map((day, i) => (
                      <Chip key={day} value={String(i)} size="xs">
                        {day}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
              </Paper>
            )}
          </Section>

          <Divider />
          <Section title="Who is alerted first">
            <RecipientsEditor recipients={d.recipients} path="recipients" label="Recipient" ctx={ctx} onChange={(recipients) => set({ recipients })} />
          </Section>

          <Section title="Escalation when nobody acknowledges">
            {d.levels.length === 0 && (
              <Text fz="sm" c="dimmed">
                No escalation: the first recipients are alerted once.
              </Text>
            )}
            {d.levels.map((l, i) => (
              <Paper key={i} withBorder p="sm" data-level={i + 1}>
                <Group justify="space-between" mb="xs">
                  <NumberInput
                    label={`Level ${i + 1}: after how many minutes without acknowledgement`}
                    min={1}
                    max={10080}
                    allowDecimal={false}
                    value={l.afterMinutes}
                    onChange={(v) => set({ levels: d.levels.map((x, j) => (j === i ? { ...x, afterMinutes: Number(v) || 1 } : x)) })}
                    error={p(`escalation/levels/${i}/afterMinutes`)}
                    w={360}
                  />
                  <Button size="compact-sm" variant="subtle" color="gray" onClick={() => set({ levels: d.levels.filter((_, j) => j !== i) })}>
                    Remove level {i + 1}
                  </Button>
                </Group>
                <Text fz="xs" c="dimmed" mb="xs">
                  The previous level is alerted again, and these recipients are added.
                </Text>
                <RecipientsEditor
                  recipients={l.recipients}
                  path={`escalation/levels/${i}/recipients`}
                  label={`Level ${i + 1} recipient`}
                  ctx={ctx}
                  onChange={(recipients) => set({ levels: d.levels.map((x, j) => (j === i ? { ...x, recipients } : x)) })}
                />
              </Paper>
            ))}
            <Group>
              <Button size="compact-sm" variant="light" onClick={() => set({ levels: [...d.levels, { afterMinutes: 15, recipients: [] }] })}>
                Add escalation level
              </Button>
            </Group>
          </Section>

          <Section title="Quiet hours and alert storms">
            <Checkbox label="Quiet hours: no email, Slack or webhook below a severity (the console still records)" checked={quiet !== null} onChange={(e) => set({ quietHours: e.currentTarget.checked ? { from: '22:00', to: '07:00', minSeverity: 8 } : null })} />
            {quiet && (
              <Group align="flex-start" gap="md">
                <TimeRange label="Quiet" value={quiet} onChange={(v) => setQuiet(v)} error={p('quietHours/from') ?? p('quietHours/to')} />
                <NumberInput label="Still alert from severity" min={1} max={10} allowDecimal={false} value={quiet.minSeverity} onChange={(v) => setQuiet({ minSeverity: Number(v) || 1 })} w={180} />
              </Group>
            )}
            <Group align="flex-start" gap="md">
              <NumberInput
                label="Group updates for (minutes)"
                description="One alert per incident per recipient in this window (default 30)"
                min={0}
                max={1440}
                allowDecimal={false}
                value={d.windowMinutes}
                onChange={(v) => set({ windowMinutes: v === '' ? '' : Number(v) })}
                error={p('grouping/windowMinutes')}
                w={300}
              />
              <NumberInput
                label="At most alerts per recipient per hour"
                description="Email, Slack and webhook (default 10)"
                min={1}
                max={1000}
                allowDecimal={false}
                value={d.maxPerHour}
                onChange={(v) => set({ maxPerHour: v === '' ? '' : Number(v) })}
                error={p('grouping/maxPerHour')}
                w={300}
              />
            </Group>
          </Section>

          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {rule ? 'Save rule' : 'Add rule'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
