import { Group, Modal, Stack, Table, Text, Tooltip } from '@mantine/core';
import { StatusBadge } from './status-badge.tsx';
import { formatAgo, formatDateTime } from '../components/format.ts';
import { LoadError } from '../components/load-error.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useChannelFailures, type Channel } from './settings-api.ts';

interface Health {
  lastSuccessAt?: string;
  lastErrorAt?: string;
  lastError?: string;
  problem?: string | null;
  consecutiveErrors?: number;
  itemsLastHour?: number;
  lagSeconds?: number | null;
  alert?: { problem: string; detail: string } | null;
}

const healthOf = (c: Channel) => c.health as Health;

const lag = (s: number | null | undefined) => (s === null || s === undefined ? '—' : s < 90 ? `${s} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`);

/** Paused, failing (the worker's alert or a connector problem) or healthy: one word and a colour. */
export const ChannelStatus = ({ channel }: { channel: Channel }) => {
  const h = healthOf(channel);
  const [label, color, why] =
    channel.status === 'paused'
      ? ['Paused', 'gray', 'Not receiving: resume it to listen again']
      : channel.status === 'error' || h.alert || h.problem
        ? ['Failing', 'red', h.alert?.detail ?? h.lastError ?? h.problem ?? 'The last attempt failed']
        : ['Healthy', 'teal', h.lastSuccessAt ? `Last delivery ${formatDateTime(h.lastSuccessAt)}` : 'Waiting for its first delivery'];
  return (
    <Tooltip label={why} withArrow multiline maw={320}>
      <StatusBadge color={color} tabIndex={0} style={{ overflow: 'visible' }}>
        {label}
      </StatusBadge>
    </Tooltip>
  );
};

/** The numbers the worker keeps per channel: last success, last error, lag, items in the last hour. */
export const ChannelHealthSummary = ({ channel }: { channel: Channel }) => {
  const h = healthOf(channel);
  return (
    <Stack gap={0} fz="sm">
      <Text fz="sm">
        Last success <b>{formatAgo(h.lastSuccessAt)}</b> · {h.itemsLastHour ?? 0} in the last hour · lag {lag(h.lagSeconds)}
      </Text>
      {h.lastError && (
        <Text fz="xs" c="red.8" lineClamp={2}>
          Last error {formatAgo(h.lastErrorAt)}: {h.lastError}
        </Text>
      )}
    </Stack>
  );
};

/** The channel's recent failed items and polls, newest first. */
export const FailuresModal = ({ channel, opened, onClose, onExited }: { channel: Channel; opened: boolean; onClose: () => void; onExited?: () => void }) => {
  const failures = useChannelFailures(channel.id);
  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={`Recent failures of ${channel.name}`} size="lg">
      {failures.isError ? (
        <LoadError error={failures.error} onRetry={() => void failures.refetch()} />
      ) : !failures.data ? (
        <TableSkeleton rows={3} />
      ) : failures.data.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No failures recorded.
        </Text>
      ) : (
        <Table aria-label="Failures">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {failures.data.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(f.createdAt)}</Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <Text fz="sm">{f.reason}</Text>
                    {f.externalId && (
                      <Text fz="xs" c="dimmed">
                        item {f.externalId}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Modal>
  );
};
