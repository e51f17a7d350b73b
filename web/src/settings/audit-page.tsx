import { Button, Center, Code, EmptyState, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchAuditPage, keys, useMembers, useTeams } from '../api/resources.ts';
import type { AuditEntry } from '../api/types.ts';
import { formatDateTime } from '../components/format.ts';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';

const PAGE = 50;

/** `{"role":"agent"}` → `role: agent`; long values are cut so the row stays one line. */
const summarize = (data: Record<string, unknown>): string =>
  Object.entries(data)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ')
    .slice(0, 160);

export const AuditPage = () => {
  const members = useMembers();
  const teams = useTeams();
  const audit = useInfiniteQuery({
    queryKey: keys.audit,
    queryFn: ({ pageParam }) => fetchAuditPage(pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length < PAGE ? undefined : last[last.length - 1]!.id),
  });
  const names = new Map((members.data ?? []).map((m) => [m.id, m.name]));
  const actorOf = (e: AuditEntry) => (e.actorType === 'member' && e.actorId ? (names.get(e.actorId) ?? 'A former member') : e.actorType === 'token' ? 'API token' : 'Lookout');
  const teamNames = new Map((teams.data ?? []).map((t) => [t.id, t.name]));
  const subjectOf = (e: AuditEntry): string => {
    if (!e.subjectType) return '—';
    const id = e.subjectId ?? '';
    if (e.subjectType === 'member') return names.get(id) ?? 'A former member';
    if (e.subjectType === 'team') return `Team ${teamNames.get(id) ?? id.slice(0, 8)}`;
    if (e.subjectType === 'api_token') return `Token ${typeof e.data.name === 'string' ? e.data.name : id.slice(0, 8)}`;
    return `${e.subjectType} ${id.slice(0, 8)}`;
  };
  const entries = audit.data?.pages.flat() ?? [];

  return (
    <>
      <PageHeader title="Audit log" description="Who changed what, newest first. Entries cannot be edited or deleted." />
      {audit.isError ? (
        <LoadError error={audit.error} onRetry={() => void audit.refetch()} />
      ) : !audit.data ? (
        <TableSkeleton rows={8} columns={5} />
      ) : entries.length === 0 ? (
        <EmptyState title="Nothing recorded yet" py="xl" />
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table withTableBorder highlightOnHover aria-label="Audit log">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th w={170}>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>Details</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Text fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(e.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{actorOf(e)}</Table.Td>
                    <Table.Td>
                      <Code c="dark.8">{e.action}</Code>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{subjectOf(e)}</Table.Td>
                    <Table.Td>
                      <Text fz="xs" c="dimmed" className="mono" lineClamp={1} title={JSON.stringify(e.data)}>
                        {summarize(e.data) || '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {audit.hasNextPage && (
            <Center mt="md">
              <Button variant="default" loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
                Load older entries
              </Button>
            </Center>
          )}
        </>
      )}
    </>
  );
};
