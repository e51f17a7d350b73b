import { useEffect, useRef, useState } from 'react';
import { Anchor, Badge, Button, EmptyState, Group, Kbd, Loader, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { Link, useSearchParams } from 'react-router-dom';
import { formatAgo } from '../components/format.ts';
import { CustomersIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { formatFollowers } from '../inbox/index.ts';
import { useCustomerList } from './api.ts';
import { IdentityBadges } from './identity-badges.tsx';

/** Everyone who contacted the workspace, one row per person; search by name, email or handle (in the URL as ?q=). */
export const CustomersPage = () => {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 250);
  const list = useCustomerList(q);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const searchRef = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => searchRef.current?.focus(), { preventDefault: true }]]);

  useEffect(() => {
    const next = new URLSearchParams(params);
    if (q) next.set('q', q);
    else next.delete('q');
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [q, params, setParams]);

  return (
    <>
      <PageHeader
        title="Customers"
        description="One person across every channel: their identities, conversations and how they felt."
        actions={
          <TextInput
            ref={searchRef}
            type="search"
            aria-label="Search customers"
            placeholder="Name, email or @handle…"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            rightSection={list.isFetching && !list.isPending ? <Loader size={14} role="status" aria-label="Updating" /> : <Kbd size="xs">/</Kbd>}
            w={300}
          />
        }
      />
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <TableSkeleton columns={5} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<CustomersIcon size={26} />}
          withIndicatorBackground
          title={q ? `No customer matches “${q}”` : 'No customers yet'}
          description={q ? 'Search looks at names, emails and handles on every channel.' : 'Everyone who contacts you, on every channel, becomes one customer here.'}
          py="xl"
        />
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing={6} fz="sm" aria-label="Customers" data-testid="customers-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th>Identities</Table.Th>
                  <Table.Th>Tier</Table.Th>
                  <Table.Th ta="right">Reach</Table.Th>
                  <Table.Th ta="right">Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => (
                  <Table.Tr key={c.id} data-customer={c.id}>
                    <Table.Td maw={280}>
                      <Anchor component={Link} to={`/customers/${c.id}`} fw={600} fz="sm" c="indigo.9" display="block" truncate="end">
                        {c.name ?? c.identities[0]?.handle ?? 'Unnamed customer'}
                      </Anchor>
                      {c.email && (
                        <Text fz="xs" c="dimmed" truncate="end">
                          {c.email}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <IdentityBadges identities={c.identities} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {c.isVip && (
                          <Badge size="sm" radius="sm" color="yellow.3" c="dark.8" tt="none">
                            VIP
                          </Badge>
                        )}
                        {c.tier && <Text fz="sm">{c.tier}</Text>}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatFollowers(c.maxFollowers) ?? '—'}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatAgo(c.updatedAt)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.hasNextPage && (
            <Group justify="center" mt="sm">
              <Button variant="default" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Load more
              </Button>
            </Group>
          )}
        </>
      )}
    </>
  );
};
