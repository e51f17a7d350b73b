import { useEffect, useMemo, useRef, useState } from 'react';
import { Badge, EmptyState, Kbd, Loader, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { InboxQueue } from '@contracts';
import { InboxIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { QUEUES, isQueue, useInbox } from './api.ts';
import { InboxRowItem } from './inbox-row.tsx';
import { useLiveConversations } from './live-stream.ts';
import './inbox.css';

const EMPTY: Record<InboxQueue, string> = {
  needs_response: 'Nothing needs a response right now. New mentions that do will appear here, most urgent first.',
  mine: 'Nothing is assigned to you.',
  my_team: "Nothing is assigned to your teams.",
  unassigned: 'Every open conversation has an owner.',
  waiting: 'No conversation is waiting on a customer.',
  dismissed: 'Triage has not dismissed anything. Mentions it decides need no response are kept here to audit.',
  all: 'No conversations yet. Connect a channel and mentions will arrive here live.',
};

/**
 * The triage inbox: queues as tabs, search, rows most urgent first; live through the event
 * stream. Keyboard: j/k move, Enter opens, / searches.
 */
export const InboxPage = () => {
  useLiveConversations();
  const [params, setParams] = useSearchParams();
  const queueParam = params.get('queue');
  const queue: InboxQueue = isQueue(queueParam) ? queueParam : 'needs_response';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 250);
  const inbox = useInbox(queue, q);
  const rows = useMemo(() => inbox.data?.items ?? [], [inbox.data]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const links = useRef(new Map<string, HTMLAnchorElement>());
  const navigate = useNavigate();

  useEffect(() => {
    const next = new URLSearchParams(params);
    if (q) next.set('q', q);
    else next.delete('q');
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [q, params, setParams]);

  // The selection follows its conversation across live refetches; falls back to the top row.
  const selectedIndex = Math.max(0, rows.findIndex((r) => r.id === selectedId));
  const selected = rows[selectedIndex];

  const move = (delta: number) => {
    if (!rows.length) return;
    const next = rows[Math.min(rows.length - 1, Math.max(0, selectedIndex + delta))]!;
    setSelectedId(next.id);
    links.current.get(next.id)?.focus();
  };
  const focusSearch = () => {
    searchRef.current?.focus();
    searchRef.current?.select();
  };
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
    ['/', focusSearch, { preventDefault: true }],
    [
      'Enter',
      () => {
        // A focused link or button answers Enter itself.
        const active = document.activeElement;
        if (selected && !(active instanceof HTMLAnchorElement || active instanceof HTMLButtonElement)) navigate(`/inbox/${selected.id}`);
      },
      // Default off, or a focused link would not follow itself.
      { preventDefault: false },
    ],
  ]);

  const setQueue = (v: string | null) => {
    if (!isQueue(v)) return;
    const next = new URLSearchParams(params);
    next.set('queue', v);
    setParams(next);
    setSelectedId(null);
  };

  return (
    <>
      <PageHeader
        title="Inbox"
        description={
          <>
            <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> move · <Kbd size="xs">Enter</Kbd> open · <Kbd size="xs">/</Kbd> search
          </>
        }
        actions={
          <TextInput
            ref={searchRef}
            type="search"
            aria-label="Search conversations"
            placeholder="Search mentions…"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') e.currentTarget.blur();
            }}
            rightSection={inbox.isFetching && !inbox.isPending ? <Loader size={14} aria-label="Updating" /> : <Kbd size="xs">/</Kbd>}
            w={300}
          />
        }
      />
      <Tabs value={queue} onChange={setQueue} mb="sm" keepMounted={false}>
        <Tabs.List aria-label="Queues">
          {QUEUES.map((item) => (
            <Tabs.Tab key={item.value} value={item.value}>
              {item.label}
              {item.value === queue && inbox.data && (
                <Badge ml={6} size="xs" variant="light" color="gray" c="gray.8" radius="sm">
                  {inbox.data.items.length}
                  {inbox.data.nextCursor ? '+' : ''}
                </Badge>
              )}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {inbox.isError ? (
        <LoadError error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : !inbox.data ? (
        <TableSkeleton />
      ) : rows.length === 0 ? (
        <EmptyState icon={<InboxIcon size={26} />} withIndicatorBackground title={q ? `No conversation matches “${q}”` : 'All clear'} description={q ? 'Try other words, or another queue.' : EMPTY[queue]} py="xl" />
      ) : (
        <>
          <ul className="inbox-list" aria-label={`${QUEUES.find((x) => x.value === queue)?.label} conversations`} data-testid="inbox-list">
            {rows.map((row) => (
              <InboxRowItem
                key={row.id}
                row={row}
                selected={row.id === selected?.id}
                onSelect={() => navigate(`/inbox/${row.id}`)}
                ref={(el) => {
                  if (el) links.current.set(row.id, el);
                  else links.current.delete(row.id);
                }}
              />
            ))}
          </ul>
          {inbox.data.nextCursor && (
            <Text fz="xs" c="dimmed" mt="xs">
              Showing the first {rows.length}. Narrow with search or a queue to see the rest.
            </Text>
          )}
        </>
      )}
    </>
  );
};
