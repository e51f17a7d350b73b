import type { ReactNode } from 'react';
import { ActionIcon, Button, EmptyState, Group, Stack, Table, Text, Title } from '@mantine/core';
import { StatusBadge } from './status-badge.tsx';
import { notifications } from '@mantine/notifications';
import { messageOf } from '../api/client.ts';
import { useWorkspace } from '../api/resources.ts';
import { can, useSignedIn } from '../api/session.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { PlusIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useDialog } from '../components/use-dialog.ts';
import { CalendarFormModal } from './calendar-form.tsx';
import { KIND_LABELS } from './channel-kinds.ts';
import { SlaPolicyFormModal } from './sla-policy-form.tsx';
import { useCalendars, useChannelKinds, useDeleteNamed, useSaveNamed, useSlaPolicies, type Named } from './settings-api.ts';

const mins = (m: unknown) => (typeof m !== 'number' ? '—' : m % 1440 === 0 ? `${m / 1440} d` : m % 60 === 0 ? `${m / 60} h` : `${m} min`);

const appliesTo = (p: Named) => {
  const d = p.definition as { isDefault?: boolean; criteria?: { minPriority?: number; maxPriority?: number; channelKinds?: string[]; customerTiers?: string[] } };
  if (d.isDefault) return 'Everything else (default)';
  const c = d.criteria ?? {};
  const parts = [
    c.minPriority !== undefined || c.maxPriority !== undefined ? `priority ${c.minPriority ?? 0}–${c.maxPriority ?? 100}` : null,
    c.channelKinds?.length ? c.channelKinds.map((k) => KIND_LABELS[k] ?? k).join(', ') : null,
    c.customerTiers?.length ? `tier ${c.customerTiers.join(', ')}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Every conversation';
};

const DAY_SHORT: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
/** "Mon 08:30–17:00 · Tue–Fri 09:00–17:00": consecutive days with the same hours read as one range. */
const hoursOf = (c: Named) => {
  const weekly = ((c.definition as { weekly?: Record<string, { start: string; end: string }[]> }).weekly ?? {}) as Record<string, { start: string; end: string }[]>;
  const days = Object.keys(DAY_SHORT).map((d) => ({ d, hours: (weekly[d] ?? []).map((i) => `${i.start}–${i.end}`).join(', ') }));
  const runs: { from: string; to: string; hours: string }[] = [];
  for (const { d, hours } of days) {
    const last = runs.at(-1);
    if (last && last.hours === hours) last.to = d;
    else runs.push({ from: d, to: d, hours });
  }
  return runs.filter((r) => r.hours).map((r) => `${DAY_SHORT[r.from]}${r.to !== r.from ? `–${DAY_SHORT[r.to]}` : ''} ${r.hours}`).join(' · ');
};

const Section = ({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) => (
  <Stack gap="xs" component="section" aria-label={title}>
    <Group justify="space-between">
      <Title order={2} fz="lg">
        {title}
      </Title>
      {action}
    </Group>
    {children}
  </Stack>
);

export const SlaPage = () => {
  const session = useSignedIn();
  const canManage = can(session, 'rules:manage');
  const policies = useSlaPolicies();
  const calendars = useCalendars();
  const kinds = useChannelKinds();
  const workspace = useWorkspace();
  const savePolicy = useSaveNamed('sla-policies');
  const removePolicy = useDeleteNamed('sla-policies');
  const removeCalendar = useDeleteNamed('business-calendars');
  const policyDialog = useDialog<Named | 'new'>();
  const calendarDialog = useDialog<Named | 'new'>();
  // The default policy only catches what no other matches, wherever it sits: show it last.
  const isDefault = (p: Named) => Number((p.definition as { isDefault?: boolean }).isDefault === true);
  const ordered = [...(policies.data ?? [])].sort((a, b) => isDefault(a) - isDefault(b) || (a.position ?? 0) - (b.position ?? 0));
  const calendarName = new Map((calendars.data ?? []).map((c) => [c.id, c.name]));

  /** Swap two neighbours: every policy is written back with its index as position, so ties resolve too. */
  const move = async (i: number, by: -1 | 1) => {
    const next = [...ordered];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    try {
      for (const [position, p] of next.entries()) {
        if (p.position === position) continue;
        await savePolicy.mutateAsync({ id: p.id, body: { name: p.name, definition: p.definition, position, calendarId: p.calendarId ?? null } });
      }
    } catch (err) {
      notifications.show({ title: 'Order not saved', message: messageOf(err), color: 'red' });
    }
  };

  return (
    <>
      <PageHeader title="SLA policies" description="How fast conversations must be answered, relieved and resolved, counted in business hours." />
      <Stack gap="xl">
        <Section
          title="Policies"
          action={canManage && <Button size="sm" leftSection={<PlusIcon size={16} />} onClick={() => policyDialog.open('new')}>New policy</Button>}
        >
          {policies.isError ? (
            <LoadError error={policies.error} onRetry={() => void policies.refetch()} />
          ) : !policies.data ? (
            <TableSkeleton rows={3} />
          ) : ordered.length === 0 ? (
            <EmptyState title="No SLA policies" description="Without a policy, conversations have no response clock." py="md" />
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table withTableBorder aria-label="SLA policies">
                <Table.Thead bg="gray.0">
                  <Table.Tr>
                    <Table.Th w={80}>Order</Table.Th>
                    <Table.Th>Policy</Table.Th>
                    <Table.Th>First response</Table.Th>
                    <Table.Th>Relief</Table.Th>
                    <Table.Th>Resolution</Table.Th>
                    <Table.Th>Hours</Table.Th>
                    {canManage && (
                      <Table.Th>
                        <span className="visually-hidden">Actions</span>
                      </Table.Th>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ordered.map((p, i) => {
                    const t = (p.definition as { targets?: Record<string, unknown> }).targets ?? {};
                    return (
                      <Table.Tr key={p.id} data-policy={p.name}>
                        <Table.Td>
                          <Group gap={2} wrap="nowrap">
                            <Text fz="sm" c="dimmed" w={18}>
                              {i + 1}
                            </Text>
                            {canManage && (
                              <>
                                <ActionIcon size="sm" variant="subtle" color="gray" aria-label={`Move ${p.name} up`} disabled={i === 0 || savePolicy.isPending} onClick={() => void move(i, -1)}>
                                  <span aria-hidden>↑</span>
                                </ActionIcon>
                                <ActionIcon size="sm" variant="subtle" color="gray" aria-label={`Move ${p.name} down`} disabled={i === ordered.length - 1 || savePolicy.isPending} onClick={() => void move(i, 1)}>
                                  <span aria-hidden>↓</span>
                                </ActionIcon>
                              </>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Text fz="sm" fw={500}>
                            {p.name}
                          </Text>
                          <Text fz="xs" c="dimmed">
                            {appliesTo(p)}
                          </Text>
                        </Table.Td>
                        <Table.Td>{mins(t.firstResponse)}</Table.Td>
                        <Table.Td>{mins(t.relief)}</Table.Td>
                        <Table.Td>{mins(t.resolution)}</Table.Td>
                        <Table.Td>{p.calendarId ? (calendarName.get(p.calendarId) ?? 'Deleted calendar') : <StatusBadge color="gray">24×7</StatusBadge>}</Table.Td>
                        {canManage && (
                          <Table.Td>
                            <Group gap={4} justify="flex-end" wrap="nowrap">
                              <Button size="compact-sm" variant="subtle" color="gray" onClick={() => policyDialog.open(p)} aria-label={`Edit policy ${p.name}`}>
                                Edit
                              </Button>
                              <ConfirmButton size="compact-sm" variant="subtle" color="gray" aria-label={`Delete policy ${p.name}`} title={`Delete ${p.name}?`} message="Open conversations keep their clocks; new ones fall to the next policy." confirmLabel="Delete policy" successMessage={`${p.name} was deleted`} onConfirm={() => removePolicy.mutateAsync(p.id)}>
                                Delete
                              </ConfirmButton>
                            </Group>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Section>
        <Section
          title="Business-hours calendars"
          action={canManage && <Button size="sm" variant="light" leftSection={<PlusIcon size={16} />} onClick={() => calendarDialog.open('new')}>New calendar</Button>}
        >
          {calendars.isError ? (
            <LoadError error={calendars.error} onRetry={() => void calendars.refetch()} />
          ) : !calendars.data ? (
            <TableSkeleton rows={2} />
          ) : calendars.data.length === 0 ? (
            <EmptyState title="No calendars" description="Without a calendar, SLA clocks run around the clock." py="md" />
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table withTableBorder aria-label="Business-hours calendars">
                <Table.Thead bg="gray.0">
                  <Table.Tr>
                    <Table.Th>Calendar</Table.Th>
                    <Table.Th>Opening hours</Table.Th>
                    <Table.Th>Holidays</Table.Th>
                    {canManage && (
                      <Table.Th>
                        <span className="visually-hidden">Actions</span>
                      </Table.Th>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {calendars.data.map((c) => {
                    const d = c.definition as { timeZone?: string; holidays?: string[] };
                    return (
                      <Table.Tr key={c.id} data-calendar={c.name}>
                        <Table.Td>
                          <Text fz="sm" fw={500}>
                            {c.name}
                          </Text>
                          <Text fz="xs" c="dimmed">
                            {d.timeZone}
                          </Text>
                        </Table.Td>
                        <Table.Td fz="sm">{hoursOf(c)}</Table.Td>
                        <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>{d.holidays?.length ? d.holidays.join(', ') : '—'}</Table.Td>
                        {canManage && (
                          <Table.Td>
                            <Group gap={4} justify="flex-end" wrap="nowrap">
                              <Button size="compact-sm" variant="subtle" color="gray" onClick={() => calendarDialog.open(c)} aria-label={`Edit calendar ${c.name}`}>
                                Edit
                              </Button>
                              <ConfirmButton size="compact-sm" variant="subtle" color="gray" aria-label={`Delete calendar ${c.name}`} title={`Delete ${c.name}?`} message="Policies using it will count around the clock." confirmLabel="Delete calendar" successMessage={`${c.name} was deleted`} onConfirm={() => removeCalendar.mutateAsync(c.id)}>
                                Delete
                              </ConfirmButton>
                            </Group>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Section>
      </Stack>
      {policyDialog.subject && (
        <SlaPolicyFormModal
          key={policyDialog.key}
          policy={policyDialog.subject === 'new' ? undefined : policyDialog.subject}
          position={ordered.length}
          calendars={calendars.data ?? []}
          channelKinds={(kinds.data ?? []).map((k) => ({ value: k.kind, label: KIND_LABELS[k.kind] ?? k.kind }))}
          opened={policyDialog.opened}
          onClose={policyDialog.close}
          onExited={policyDialog.onExited}
        />
      )}
      {calendarDialog.subject && (
        <CalendarFormModal key={calendarDialog.key} calendar={calendarDialog.subject === 'new' ? undefined : calendarDialog.subject} defaultZone={workspace.data?.timeZone ?? 'UTC'} opened={calendarDialog.opened} onClose={calendarDialog.close} onExited={calendarDialog.onExited} />
      )}
    </>
  );
};
