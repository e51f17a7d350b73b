import { Badge, Button, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AlertDeliveryView } from '@contracts';
import { messageOf } from '../api/client.ts';
import { useMembers } from '../api/resources.ts';
import { can, useSignedIn } from '../api/session.ts';
import { LoadError } from '../components/load-error.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useAcknowledgeAlert, useIncidentAlerts, useRetryAlert } from './api.ts';

export const STATE_COLORS: Record<AlertDeliveryView['state'], string> = {
  queued: 'blue',
  sending: 'blue',
  sent: 'teal',
  acknowledged: 'green',
  failed: 'red',
  suppressed: 'gray',
};
const KIND_LABELS: Record<AlertDeliveryView['kind'], string> = { console: 'Console', email: 'Email', slack: 'Slack', webhook: 'Webhook' };

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }) : '');

/** "I am on it": acknowledges the incident's alerts, which stops escalation. Shown while some alert is unacknowledged. */
export const AcknowledgeAlertButton = ({ alerts }: { alerts: AlertDeliveryView[] }) => {
  const session = useSignedIn();
  const ack = useAcknowledgeAlert();
  const mine = alerts.find((a) => a.memberId === session.member?.id && !a.acknowledgedAt) ?? alerts.find((a) => !a.acknowledgedAt && a.state !== 'suppressed');
  if (!mine || alerts.some((a) => a.acknowledgedAt)) return null;
  return (
    <Button
      size="compact-sm"
      color="orange"
      loading={ack.isPending}
      onClick={() =>
        ack.mutate(mine.id, {
          onSuccess: () => notifications.show({ message: 'Alert acknowledged: escalation stopped', color: 'teal', closeButtonProps: { 'aria-label': 'Dismiss' } }),
          onError: (e) => notifications.show({ title: 'Not acknowledged', message: messageOf(e), color: 'red', closeButtonProps: { 'aria-label': 'Dismiss' } }),
        })
      }
    >
      Acknowledge alert
    </Button>
  );
};

/**
 * The alerts of one incident: to whom, how, in what state, after how many attempts, the last
 * error, and a retry for failed ones. For the incident page (placed by the incidents console).
 */
export const IncidentAlerts = ({ incidentId }: { incidentId: string }) => {
  const session = useSignedIn();
  const canRetry = can(session, 'incidents:manage');
  const alerts = useIncidentAlerts(incidentId);
  const members = useMembers();
  const retry = useRetryAlert();
  const who = (a: AlertDeliveryView) => (a.kind === 'console' ? (members.data?.find((m) => m.id === a.target)?.name ?? 'a member') : a.target);

  return (
    <Stack gap="xs" component="section" aria-labelledby={`alerts-${incidentId}`}>
      <Group justify="space-between">
        <Title order={2} fz="md" id={`alerts-${incidentId}`}>
          Alerts
        </Title>
        {alerts.data && <AcknowledgeAlertButton alerts={alerts.data} />}
      </Group>
      {alerts.isError ? (
        <LoadError error={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : !alerts.data ? (
        <TableSkeleton />
      ) : alerts.data.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No alert rule matched this incident.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder aria-label="Alerts of this incident" fz="sm">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>To</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Last error</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {alerts.data.map((a) => (
                <Table.Tr key={a.id} data-alert-state={a.state}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="outline" color="gray" size="sm">
                        {KIND_LABELS[a.kind]}
                      </Badge>
                      <Text fz="sm" truncate maw={260}>
                        {who(a)}
                      </Text>
                      {a.escalationLevel > 0 && (
                        <Badge color="orange" c="orange.9" variant="light" size="sm">
                          level {a.escalationLevel}
                        </Badge>
                      )}
                      {a.isDrill && (
                        <Badge color="grape" variant="filled" size="sm">
                          DRILL
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={a.acknowledgedAt ? `Acknowledged ${when(a.acknowledgedAt)}` : a.sentAt ? `Sent ${when(a.sentAt)}` : a.nextAttemptAt ? `Next try ${when(a.nextAttemptAt)}` : when(a.createdAt)} withArrow>
                      <Badge color={STATE_COLORS[a.state]} c={`${STATE_COLORS[a.state]}.9`} variant="light">
                        {a.acknowledgedAt && a.state !== 'acknowledged' ? `${a.state}, acknowledged` : a.state}
                      </Badge>
                    </Tooltip>
                    {a.foldedUpdates > 0 && (
                      <Text fz="xs" c="dimmed">
                        +{a.foldedUpdates} update{a.foldedUpdates === 1 ? '' : 's'} grouped
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{a.attempts}</Table.Td>
                  <Table.Td>
                    <Text fz="xs" c={a.state === 'failed' ? 'red.8' : 'dimmed'} lineClamp={2} maw={320}>
                      {a.lastError ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {canRetry && a.state === 'failed' && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        loading={retry.isPending && retry.variables === a.id}
                        onClick={() => retry.mutate(a.id, { onError: (e) => notifications.show({ title: 'Not retried', message: messageOf(e), color: 'red', closeButtonProps: { 'aria-label': 'Dismiss' } }) })}
                        aria-label={`Retry the ${KIND_LABELS[a.kind]} alert to ${who(a)}`}
                      >
                        Retry
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
};
