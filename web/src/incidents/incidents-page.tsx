import { useState } from 'react';
import { Anchor, Badge, Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { IncidentRow } from '@contracts';
import { can, useSignedIn } from '../api/session.ts';
import { PlusIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useIncidents } from './api.ts';
import { DeclareIncidentModal } from './declare-form.tsx';
import { STATUS_COLORS, STATUS_LABELS, formatCount, formatTime, severityColor } from './format.ts';
import { useLiveIncidents } from './live.ts';

export const StatusBadge = ({ status }: { status: IncidentRow['status'] }) => (
  <Badge variant="light" color={STATUS_COLORS[status]} c="dark.7" radius="sm" tt="none">
    {STATUS_LABELS[status]}
  </Badge>
);

export const SeverityBadge = ({ severity }: { severity: number }) => (
  <Badge variant="filled" color={severityColor(severity)} c={severity >= 8 ? 'white' : 'dark.7'} radius="sm" aria-label={`Severity ${severity} of 10`}>
    S{severity}
  </Badge>
);

export const DrillBadge = () => (
  <Badge variant="outline" color="grape" radius="sm" c="grape.9">
    DRILL
  </Badge>
);

const PAGE = 25;

/** Incidents: open ones first, worst first, live; a person can declare one. */
export const IncidentsPage = () => {
  useLiveIncidents();
  const session = useSignedIn();
  const canManage = can(session, 'incidents:manage');
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const [offset, setOffset] = useState(0);
  const [declaring, setDeclaring] = useState(false);
  const list = useIncidents({ ...(filter === 'open' ? { status: 'open' as const } : {}), limit: PAGE, offset });

  return (
    <>
      <PageHeader
        title="Incidents"
        description="Spikes the detector found and problems the team declared, worst first."
        actions={
          canManage && (
            <Button leftSection={<PlusIcon size={16} />} onClick={() => setDeclaring(true)}>
              Declare incident
            </Button>
          )
        }
      />
      <SegmentedControl
        mb="md"
        aria-label="Which incidents"
        value={filter}
        onChange={(v) => {
          setFilter(v as 'open' | 'all');
          setOffset(0);
        }}
        data={[
          { value: 'open', label: 'Open' },
          { value: 'all', label: 'All' },
        ]}
      />
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <TableSkeleton columns={6} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">
          {filter === 'open' ? 'No open incidents. When mentions about one problem spike, an incident opens here.' : 'No incidents yet.'}
        </Text>
      ) : (
        <>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Severity</Table.Th>
                <Table.Th>Incident</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Owner</Table.Th>
                <Table.Th ta="right">Mentions</Table.Th>
                <Table.Th ta="right">Reach</Table.Th>
                <Table.Th>Detected</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((i) => (
                <Table.Tr key={i.id} data-incident-id={i.id}>
                  <Table.Td>
                    <SeverityBadge severity={i.severity} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Anchor component={Link} to={`/incidents/${i.id}`} fw={600}>
                        {i.title}
                      </Anchor>
                      {i.isDrill && <DrillBadge />}
                      {i.crisisDiverted && (
                        <Badge variant="light" color="teal" c="dark.7" radius="sm" tt="none">
                          Crisis diverted
                        </Badge>
                      )}
                    </Group>
                    {i.type && (
                      <Text fz="xs" c="dimmed">
                        {i.type}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={i.status} />
                  </Table.Td>
                  <Table.Td>{i.owner?.name ?? <Text span c="dimmed">Nobody</Text>}</Table.Td>
                  <Table.Td ta="right">{formatCount(i.mentionCount)}</Table.Td>
                  <Table.Td ta="right">{formatCount(i.reach)}</Table.Td>
                  <Table.Td>{formatTime(i.detectedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {list.data.total > PAGE && (
            <Group justify="flex-end" mt="sm">
              <Button variant="default" size="xs" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Newer
              </Button>
              <Button variant="default" size="xs" disabled={offset + PAGE >= list.data.total} onClick={() => setOffset(offset + PAGE)}>
                Older
              </Button>
            </Group>
          )}
        </>
      )}
      {canManage && <DeclareIncidentModal opened={declaring} onClose={() => setDeclaring(false)} />}
    </>
  );
};
