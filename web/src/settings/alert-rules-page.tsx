import { useState } from 'react';
import { Badge, Button, EmptyState, Group, List, Modal, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AlertRuleView, TestAlertResultView } from '@contracts';
import { messageOf } from '../api/client.ts';
import { useMembers } from '../api/resources.ts';
import { can, useSignedIn } from '../api/session.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { IncidentIcon, PlusIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useDialog } from '../components/use-dialog.ts';
import { AlertRuleEditor, summaryOf, useAlertRules, useDeleteAlertRule, useTestAlertRule } from '../alerts/index.ts';

/** Settings → Alerts: who hears about which incidents, how it escalates, and a test button per rule. */
export const AlertRulesPage = () => {
  const session = useSignedIn();
  const canManage = can(session, 'incidents:manage');
  const rules = useAlertRules();
  const members = useMembers();
  const remove = useDeleteAlertRule();
  const test = useTestAlertRule();
  const dialog = useDialog<AlertRuleView | 'new'>();
  const [results, setResults] = useState<{ rule: string; items: TestAlertResultView[] } | null>(null);
  const memberOptions = (members.data ?? []).filter((m) => m.isActive).map((m) => ({ value: m.id, label: m.name }));
  const nameOf = (id: string) => members.data?.find((m) => m.id === id)?.name ?? 'a member';

  const runTest = async (r: AlertRuleView) => {
    try {
      setResults({ rule: r.name, items: await test.mutateAsync(r.id) });
    } catch (err) {
      notifications.show({ title: 'Test not sent', message: messageOf(err), color: 'red', closeButtonProps: { 'aria-label': 'Dismiss' } });
    }
  };

  return (
    <>
      <PageHeader
        title="Alerts"
        description="Who hears about which incidents — in the console, by email, in Slack or by webhook — and who is next when nobody acknowledges."
        actions={
          canManage && (
            <Button leftSection={<PlusIcon size={16} />} onClick={() => dialog.open('new')}>
              New alert rule
            </Button>
          )
        }
      />
      {rules.isError ? (
        <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : !rules.data ? (
        <TableSkeleton />
      ) : rules.data.length === 0 ? (
        <EmptyState icon={<IncidentIcon size={26} />} withIndicatorBackground title="No alert rules yet" description="Add a rule so the right people hear about an incident as soon as it is detected." py="xl" />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder highlightOnHover aria-label="Alert rules">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>Rule</Table.Th>
                <Table.Th>What and who</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.map((r) => (
                <Table.Tr key={r.id} data-alert-rule={r.name}>
                  <Table.Td fw={500}>
                    <Group gap={6} wrap="nowrap">
                      {r.name}
                      {!r.isActive && (
                        <Badge color="gray" variant="light" size="sm">
                          off
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm">{summaryOf(r, nameOf)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {canManage && (
                        <>
                          <Button size="compact-sm" variant="subtle" color="gray" loading={test.isPending && test.variables === r.id} onClick={() => void runTest(r)} aria-label={`Send test: ${r.name}`}>
                            Send test
                          </Button>
                          <Button size="compact-sm" variant="subtle" color="gray" onClick={() => dialog.open(r)} aria-label={`Edit alert rule ${r.name}`}>
                            Edit
                          </Button>
                          <ConfirmButton
                            size="compact-sm"
                            variant="subtle"
                            color="gray"
                            aria-label={`Delete alert rule ${r.name}`}
                            title={`Delete alert rule ${r.name}?`}
                            message="Alerts already sent stay on their incidents; new incidents will not be alerted by this rule."
                            confirmLabel="Delete rule"
                            successMessage={`Alert rule ${r.name} was deleted`}
                            onConfirm={() => remove.mutateAsync(r.id)}
                          >
                            Delete
                          </ConfirmButton>
                        </>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog.subject && <AlertRuleEditor key={dialog.key} rule={dialog.subject === 'new' ? undefined : dialog.subject} members={memberOptions} opened={dialog.opened} onClose={dialog.close} onExited={dialog.onExited} />}
      <Modal opened={results !== null} onClose={() => setResults(null)} title={`Test alert: ${results?.rule ?? ''}`} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
        <List spacing="xs" aria-label="Test results">
          {(results?.items ?? []).map((x, i) => (
            <List.Item key={i}>
              <Group gap={6}>
                <Text fz="xs" fw={700} tt="uppercase" c={x.ok ? 'teal.9' : 'red.9'}>
                  {x.ok ? 'delivered' : 'failed'}
                </Text>
                <Text fz="sm">
                  {x.kind} · {x.kind === 'console' ? nameOf(x.target) : x.target}
                  {x.error ? ` — ${x.error}` : ''}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      </Modal>
    </>
  );
};
