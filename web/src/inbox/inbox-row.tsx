import { forwardRef } from 'react';
import { Badge, Box, Button, Checkbox, Group, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { InboxRow as Row } from '@contracts';
import { formatAgo, formatDateTime } from '../components/format.ts';
import { CHANNEL_COLORS, channelKindLabel, formatFollowers, statusLabel } from './format.ts';
import { PriorityBadge } from './priority-badge.tsx';
import { SlaCountdown } from './sla-countdown.tsx';
import { DrillTag } from '../drills/index.ts';

/**
 * One conversation in the inbox: priority, who (with reach), the channel, what they said (as
 * text), then SLA, assignee and age. The author line is the row's link, so Tab and Enter work.
 * With write access a checkbox picks the row for bulk actions; in the Dismissed queue the row
 * offers "Needed a response", which sends it back to the inbox and teaches triage.
 */
export const InboxRowItem = forwardRef<
  HTMLAnchorElement,
  { row: Row; selected: boolean; onSelect: () => void; checked?: boolean; onCheck?: (on: boolean) => void; onNeededResponse?: () => void; neededBusy?: boolean }
>(({ row, selected, onSelect, checked, onCheck, onNeededResponse, neededBusy }, linkRef) => {
  const name = row.author?.displayName ?? row.customer?.name ?? row.author?.handle ?? 'Unknown customer';
  const followers = formatFollowers(row.author?.followers);
  const kind = row.channel?.kind;
  return (
    <Box
      component="li"
      data-testid="inbox-row"
      data-conversation={row.id}
      data-selected={selected || undefined}
      className="inbox-row"
      onClick={onSelect}
      px="sm"
      py={8}
    >
      <Group gap="sm" wrap="nowrap" align="center">
        {onCheck && (
          <Checkbox
            size="xs"
            aria-label={`Select the conversation with ${name}`}
            checked={Boolean(checked)}
            onChange={(e) => onCheck(e.currentTarget.checked)}
            onClick={(e) => e.stopPropagation()}
            data-testid="row-check"
          />
        )}
        <PriorityBadge priority={row.priority} reasons={row.reasons} />
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <Link ref={linkRef} to={`/inbox/${row.id}`} className="inbox-row-link" aria-current={selected ? 'true' : undefined}>
              <Text component="span" fz="sm" fw={row.status === 'new' ? 700 : 600} truncate>
                {name}
              </Text>
            </Link>
            {row.author?.handle && (
              <Text component="span" fz="xs" c="dimmed" truncate>
                @{row.author.handle}
              </Text>
            )}
            {followers && (
              <Text component="span" fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                · {followers}
              </Text>
            )}
            <Badge size="xs" radius="sm" variant="light" color={CHANNEL_COLORS[kind ?? ''] ?? 'gray'} c="dark.7" tt="none" style={{ flexShrink: 0 }}>
              {channelKindLabel(kind)}
            </Badge>
            {row.isDrill && <DrillTag size="xs" />}
            {row.tags.map((t) => (
              <Badge key={t.id} size="xs" radius="sm" variant="outline" color="gray" c="gray.8" tt="none" style={{ flexShrink: 0 }}>
                {t.name}
              </Badge>
            ))}
          </Group>
          <Text fz="sm" c="gray.8" truncate="end" mt={2} data-testid="snippet">
            {row.snippet}
          </Text>
        </Box>
        <Group gap={8} wrap="nowrap" justify="flex-end" style={{ flexShrink: 0 }}>
          {onNeededResponse && row.latestMentionId && (
            <Button
              size="compact-xs"
              variant="light"
              color="orange"
              c="#8a3410"
              loading={neededBusy}
              onClick={(e) => {
                e.stopPropagation();
                onNeededResponse();
              }}
              aria-label={`This needed a response: send the conversation with ${name} back to the inbox`}
            >
              Needed a response
            </Button>
          )}
          {row.snoozedUntil && new Date(row.snoozedUntil).getTime() > Date.now() && (
            <Badge size="sm" radius="sm" variant="light" color="grape" c="grape.9" tt="none" title={`Snoozed until ${formatDateTime(row.snoozedUntil)}`}>
              Snoozed
            </Badge>
          )}
          <SlaCountdown sla={row.sla} />
          <Text fz="xs" c="dimmed" w={110} ta="right" truncate>
            {row.assignee?.name ?? row.team?.name ?? 'Unassigned'}
          </Text>
          <Text fz="xs" c="dimmed" w={92} ta="right" title={statusLabel(row.status)}>
            {formatAgo(row.lastMessageAt)}
          </Text>
        </Group>
      </Group>
    </Box>
  );
});
InboxRowItem.displayName = 'InboxRowItem';
