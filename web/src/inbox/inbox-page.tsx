import { useEffect, useMemo, useRef, useState } from 'react';
import { Badge, Button, EmptyState, Group, Kbd, Loader, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { InboxCounts, InboxQueue, InboxRow } from '@contracts';
import { messageOf } from '../api/client.ts';
import { can, useSignedIn } from '../api/session.ts';
import { InboxIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useDialog } from '../components/use-dialog.ts';
import { QUEUES, isQueue, useAddNote, useAddTag, useInbox, useInboxCounts, useNeededResponse, useUpdateConversations } from './api.ts';
import { AssignDialog, type AssignTarget } from './assign-dialog.tsx';
import { activeFilterCount, filtersFromParams, withFilters, type InboxFilters } from './filters.ts';
import { InboxFilterBar } from './inbox-filters.tsx';
import { InboxRowItem } from './inbox-row.tsx';
import { useLiveConversations } from './live-stream.ts';
import { NoteDialog } from './note-dialog.tsx';
import { SnoozeMenu } from './snooze-menu.tsx';
import { TagDialog } from './tag-dialog.tsx';
import './inbox.css';

/** A tab's count: counting stops at the cap, which then reads "1000+". */
const countLabel = (n: number, cap: number): string => (n >= cap ? `${cap}+` : String(n));

const EMPTY: Record<InboxQueue, string> = {
  needs_response: 'Nothing needs a response right now. New mentions that do will appear here, most urgent first.',
  mine: 'Nothing is assigned to you.',
  my_team: 'Nothing is assigned to your teams.',
  unassigned: 'Every open conversation has an owner.',
  waiting: 'No conversation is waiting on a customer.',
  dismissed: 'Triage has not dismissed anything. Mentions it decides need no response are kept here to audit.',
  all: 'No conversations yet. Connect a channel and mentions will arrive here live.',
};

const notify = (message: string, ok = true) => notifications.show({ message, color: ok ? 'teal' : 'red', closeButtonProps: { 'aria-label': 'Dismiss' } });

/**
 * The triage inbox: queues as tabs, filters and search in the URL, rows most urgent first, page
 * after page; live through the event stream. Keyboard: j/k move, Enter opens, x picks, a assigns,
 * r replies, n notes, e resolves, / searches. Actions apply to the picked rows, or the focused one.
 */
export const InboxPage = () => {
  useLiveConversations();
  const session = useSignedIn();
  const canWrite = can(session, 'conversations:write');
  const [params, setParams] = useSearchParams();
  const queueParam = params.get('queue');
  const queue: InboxQueue = isQueue(queueParam) ? queueParam : 'needs_response';
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 250);
  const inbox = useInbox(queue, filters, q);
  const counts = useInboxCounts();
  const rows = useMemo(() => inbox.data?.pages.flatMap((p) => p.items) ?? [], [inbox.data]);
  const hasMore = Boolean(inbox.hasNextPage);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const searchRef = useRef<HTMLInputElement>(null);
  const links = useRef(new Map<string, HTMLAnchorElement>());
  const sentinel = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();

  const update = useUpdateConversations();
  const addTag = useAddTag();
  const addNote = useAddNote();
  const needed = useNeededResponse();
  const assignDialog = useDialog<string[]>();
  const tagDialog = useDialog<InboxRow[]>();
  const noteDialog = useDialog<InboxRow>();
  const dialogOpen = assignDialog.opened || tagDialog.opened || noteDialog.opened;

  useEffect(() => {
    const next = new URLSearchParams(params);
    if (q) next.set('q', q);
    else next.delete('q');
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [q, params, setParams]);

  // Picked rows that left the list (live update, other queue) are no longer picked.
  useEffect(() => {
    setChecked((prev) => {
      const still = new Set([...prev].filter((id) => rows.some((r) => r.id === id)));
      return still.size === prev.size ? prev : still;
    });
  }, [rows]);

  // Infinite scroll: the next page loads when the end of the list scrolls into view.
  const { fetchNextPage, isFetchingNextPage } = inbox;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    io.observe(el);
    return () => io.disconnect();
  }, [hasMore, isFetchingNextPage, fetchNextPage]);

  // The selection follows its conversation across live refetches; falls back to the top row.
  const selectedIndex = Math.max(0, rows.findIndex((r) => r.id === selectedId));
  const selected = rows[selectedIndex];
  const targets = (): InboxRow[] => (checked.size ? rows.filter((r) => checked.has(r.id)) : selected ? [selected] : []);

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
  const toggle = (id: string, on: boolean) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const apply = async (ids: string[], patch: Parameters<typeof update.mutateAsync>[0]['patch'], done: string) => {
    try {
      await update.mutateAsync({ ids, patch });
      notify(done);
      setChecked(new Set());
    } catch (e) {
      notify(messageOf(e), false);
    }
  };
  const plural = (n: number) => (n === 1 ? 'Conversation' : `${n} conversations`);
  const assign = (target: AssignTarget, label: string) => {
    const ids = assignDialog.subject ?? [];
    assignDialog.close();
    void apply(ids, target, 'teamId' in target ? `${plural(ids.length)} routed to ${label}` : target.assigneeId ? `${plural(ids.length)} assigned to ${label}` : `${plural(ids.length)} unassigned`);
  };
  const resolve = (rs: InboxRow[]) => void apply(rs.map((r) => r.id), { status: 'resolved' }, `${plural(rs.length)} resolved`);
  const snooze = (rs: InboxRow[], until: Date, label: string) => void apply(rs.map((r) => r.id), { snoozedUntil: until.toISOString() }, `${plural(rs.length)} snoozed for ${label.toLowerCase()}`);
  const tag = async (tagName: string) => {
    const rs = tagDialog.subject ?? [];
    tagDialog.close();
    try {
      await addTag.mutateAsync({ rows: rs, tag: tagName });
      notify(`Tagged “${tagName}”`);
      setChecked(new Set());
    } catch (e) {
      notify(messageOf(e), false);
    }
  };
  const saveNote = async (text: string) => {
    if (!noteDialog.subject) return;
    try {
      await addNote.mutateAsync({ id: noteDialog.subject.id, text });
      noteDialog.close();
      notify('Note added');
    } catch {
      // shown in the dialog, next to the note
    }
  };
  const neededResponse = async (row: InboxRow) => {
    try {
      await needed.mutateAsync(row.latestMentionId!);
      notify('Back in Needs response; triage will learn from it');
    } catch (e) {
      notify(messageOf(e), false);
    }
  };

  // Keys that act on rows do nothing while a dialog is open or for a read-only role.
  const writeKey = (fn: (rs: InboxRow[]) => void) => () => {
    if (dialogOpen || !canWrite) return;
    const rs = targets();
    if (rs.length) fn(rs);
  };
  useHotkeys([
    ['j', () => !dialogOpen && move(1)],
    ['k', () => !dialogOpen && move(-1)],
    ['/', () => !dialogOpen && focusSearch(), { preventDefault: true }],
    ['x', () => !dialogOpen && canWrite && selected && toggle(selected.id, !checked.has(selected.id))],
    ['a', writeKey((rs) => assignDialog.open(rs.map((r) => r.id))), { preventDefault: true }],
    ['t', writeKey((rs) => tagDialog.open(rs)), { preventDefault: true }],
    [
      'n',
      () => {
        if (dialogOpen || !canWrite || !selected) return;
        addNote.reset();
        noteDialog.open(selected);
      },
      { preventDefault: true },
    ],
    ['e', writeKey(resolve)],
    // The conversation page focuses its reply box when asked through the navigation state.
    ['r', () => !dialogOpen && selected && navigate(`/inbox/${selected.id}`, { state: { compose: 'reply' } })],
    [
      'Enter',
      () => {
        // A focused link or button answers Enter itself.
        const active = document.activeElement;
        if (!dialogOpen && selected && !(active instanceof HTMLAnchorElement || active instanceof HTMLButtonElement || active instanceof HTMLInputElement)) navigate(`/inbox/${selected.id}`);
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
    setChecked(new Set());
  };
  const setFilters = (f: InboxFilters) => {
    setParams(withFilters(params, f));
    setSelectedId(null);
  };
  const queueLabel = QUEUES.find((x) => x.value === queue)?.label;
  const filtered = Boolean(q) || activeFilterCount(filters) > 0;
  const picked = rows.filter((r) => checked.has(r.id));

  return (
    <>
      <PageHeader
        title="Inbox"
        description={
          <>
            <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> move · <Kbd size="xs">Enter</Kbd> open · <Kbd size="xs">/</Kbd> search
            {canWrite && (
              <>
                {' '}
                · <Kbd size="xs">x</Kbd> pick · <Kbd size="xs">a</Kbd> assign · <Kbd size="xs">t</Kbd> tag · <Kbd size="xs">n</Kbd> note · <Kbd size="xs">r</Kbd> reply · <Kbd size="xs">e</Kbd> resolve
              </>
            )}
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
            rightSection={inbox.isFetching && !inbox.isPending ? <Loader size={14} role="status" aria-label="Updating" /> : <Kbd size="xs">/</Kbd>}
            w={300}
          />
        }
      />
      <Tabs value={queue} onChange={setQueue} mb="sm" keepMounted={false}>
        <Tabs.List aria-label="Queues">
          {QUEUES.map((item) => (
            <Tabs.Tab key={item.value} value={item.value} data-queue={item.value}>
              {item.label}
              {item.value in (counts.data?.counts ?? {}) ? (
                <Badge ml={6} size="xs" variant="light" color="gray" c="gray.8" radius="sm" data-testid={`queue-count-${item.value}`}>
                  {countLabel(counts.data!.counts[item.value as keyof InboxCounts['counts']], counts.data!.cap)}
                </Badge>
              ) : (
                // History queues (all, dismissed) are not counted: the rows loaded so far.
                item.value === queue && inbox.data && (
                  <Badge ml={6} size="xs" variant="light" color="gray" c="gray.8" radius="sm" data-testid="queue-count">
                    {rows.length}
                    {hasMore ? '+' : ''}
                  </Badge>
                )
              )}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <InboxFilterBar filters={filters} onChange={setFilters} canSeeChannels={can(session, 'channels:read')} />
      {canWrite && picked.length > 0 && (
        <Group gap="xs" mb="xs" px="sm" py={6} className="inbox-bulk" role="toolbar" aria-label="Actions on the picked conversations" data-testid="bulk-bar">
          <Text fz="sm" fw={600}>
            {picked.length} picked
          </Text>
          <Button size="compact-sm" variant="default" onClick={() => assignDialog.open(picked.map((r) => r.id))}>
            Assign…
          </Button>
          <SnoozeMenu onSnooze={(until, label) => snooze(picked, until, label)} disabled={update.isPending} />
          <Button size="compact-sm" variant="default" onClick={() => tagDialog.open(picked)}>
            Tag…
          </Button>
          <Button size="compact-sm" variant="default" onClick={() => resolve(picked)} loading={update.isPending}>
            Resolve
          </Button>
          <Button size="compact-sm" variant="subtle" color="gray" c="gray.8" onClick={() => setChecked(new Set())}>
            Clear
          </Button>
        </Group>
      )}
      {inbox.isError ? (
        <LoadError error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : !inbox.data ? (
        <TableSkeleton />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<InboxIcon size={26} />}
          withIndicatorBackground
          title={q ? `No conversation matches “${q}”` : filtered ? 'No conversation matches these filters' : 'All clear'}
          description={filtered ? 'Try other words, fewer filters, or another queue.' : EMPTY[queue]}
          py="xl"
        />
      ) : (
        <>
          <ul className="inbox-list" aria-label={`${queueLabel} conversations`} data-testid="inbox-list" data-placeholder={inbox.isPlaceholderData || undefined}>
            {rows.map((row) => (
              <InboxRowItem
                key={row.id}
                row={row}
                selected={row.id === selected?.id}
                onSelect={() => navigate(`/inbox/${row.id}`)}
                checked={checked.has(row.id)}
                onCheck={canWrite ? (on) => toggle(row.id, on) : undefined}
                onNeededResponse={canWrite && queue === 'dismissed' ? () => void neededResponse(row) : undefined}
                neededBusy={needed.isPending && needed.variables === row.latestMentionId}
                ref={(el) => {
                  if (el) links.current.set(row.id, el);
                  else links.current.delete(row.id);
                }}
              />
            ))}
          </ul>
          <div ref={sentinel} aria-hidden="true" />
          {hasMore && (
            <Group justify="center" mt="sm">
              <Button variant="default" size="xs" onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage} data-testid="load-more">
                Load more
              </Button>
            </Group>
          )}
        </>
      )}
      <AssignDialog key={`assign-${assignDialog.key}`} opened={assignDialog.opened} count={assignDialog.subject?.length ?? 0} onClose={assignDialog.close} onExited={assignDialog.onExited} onAssign={assign} />
      <TagDialog key={`tag-${tagDialog.key}`} opened={tagDialog.opened} count={tagDialog.subject?.length ?? 0} onClose={tagDialog.close} onExited={tagDialog.onExited} onTag={(t) => void tag(t)} />
      <NoteDialog
        key={`note-${noteDialog.key}`}
        opened={noteDialog.opened}
        subject={noteDialog.subject?.author?.displayName ?? noteDialog.subject?.customer?.name ?? 'conversation'}
        busy={addNote.isPending}
        error={addNote.error ? messageOf(addNote.error) : null}
        onClose={noteDialog.close}
        onExited={noteDialog.onExited}
        onSave={(t) => void saveNote(t)}
      />
    </>
  );
};
