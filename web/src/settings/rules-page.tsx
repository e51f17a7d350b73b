import { useMemo } from 'react';
import { Button, EmptyState, Group, Switch, Table, Text } from '@mantine/core';
import { StatusBadge } from './status-badge.tsx';
import { notifications } from '@mantine/notifications';
import { messageOf } from '../api/client.ts';
import { useMembers, useTeams } from '../api/resources.ts';
import { can, useSignedIn } from '../api/session.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { PlusIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useDialog } from '../components/use-dialog.ts';
import { KIND_LABELS } from './channel-kinds.ts';
import type { BuilderOptions } from './rule-builder.tsx';
import { ChannelRulesSection } from './channel-rules-section.tsx';
import { RuleOrderCell, useRuleOrder } from './rule-order.tsx';
import { RuleFormModal } from './rule-form.tsx';
import { ACTION_LABELS, nodesOf, type RuleDefinition } from './rule-model.ts';
import {
  useCannedReplies, useChannelKinds, useChannels, useDeleteRule, useListeningQueries, useRuleFields, useRules, useTags, useUpdateRule, type Rule,
} from './settings-api.ts';

const summary = (r: Rule) => {
  const d = r.definition as RuleDefinition;
  const n = d.when ? nodesOf(d.when).length : 0;
  return `${n} condition${n === 1 ? '' : 's'} → ${(d.then ?? []).map((a) => ACTION_LABELS[a.type] ?? a.type).join(', ')}`;
};

export const RulesPage = () => {
  const session = useSignedIn();
  const canManage = can(session, 'rules:manage');
  const rulesQ = useRules();
  const fields = useRuleFields();
  const teams = useTeams();
  const members = useMembers();
  const channels = useChannels();
  const kinds = useChannelKinds();
  const queries = useListeningQueries();
  const canned = useCannedReplies();
  const tags = useTags();
  const update = useUpdateRule();
  const remove = useDeleteRule();
  const dialog = useDialog<Rule | 'new'>();
  const dataRules = (rulesQ.data ?? []).filter((r) => r.layer === 'data');
  const order = useRuleOrder(dataRules, 'data');

  const opts: BuilderOptions = useMemo(
    () => ({
      fields: fields.data ?? [],
      teams: (teams.data ?? []).map((t) => ({ value: t.id, label: t.name })),
      members: (members.data ?? []).filter((m) => m.isActive).map((m) => ({ value: m.id, label: m.name })),
      channels: (channels.data ?? []).map((c) => ({ value: c.id, label: c.name })),
      channelKinds: (kinds.data ?? []).map((k) => ({ value: k.kind, label: KIND_LABELS[k.kind] ?? k.kind })),
      queries: (queries.data ?? []).map((q) => ({ value: q.id, label: q.name })),
      canned: (canned.data ?? []).map((c) => ({ value: c.id, label: c.name })),
      tags: (tags.data ?? []).map((t) => t.name),
    }),
    [fields.data, teams.data, members.data, channels.data, kinds.data, queries.data, canned.data, tags.data],
  );

  const toggle = async (r: Rule, isActive: boolean) => {
    try {
      await update.mutateAsync({ id: r.id, patch: { isActive } });
    } catch (err) {
      notifications.show({ title: 'Not changed', message: messageOf(err), color: 'red' });
    }
  };

  return (
    <>
      <PageHeader
        title="Rules"
        description={canManage ? 'When a mention arrives, data rules run top to bottom: route it, tag it, change its priority.' : 'Rules run top to bottom on every mention. Only admins and supervisors change them.'}
        actions={
          canManage && (
            <Button leftSection={<PlusIcon size={16} />} onClick={() => dialog.open('new')} disabled={!fields.data}>
              New rule
            </Button>
          )
        }
      />
      {rulesQ.isError ? (
        <LoadError error={rulesQ.error} onRetry={() => void rulesQ.refetch()} />
      ) : !rulesQ.data ? (
        <TableSkeleton />
      ) : dataRules.length === 0 ? (
        <EmptyState title="No rules yet" description="Add a rule such as “VIP customers go to Tier 2 with priority 90”." py="xl" />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder aria-label="Rules">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th w={70}>Order</Table.Th>
                <Table.Th>Rule</Table.Th>
                <Table.Th>Enabled</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {dataRules.map((r, i) => (
                <Table.Tr key={r.id} data-rule={r.name}>
                  <Table.Td>
                    <RuleOrderCell name={r.name} index={i} count={dataRules.length} canManage={canManage} order={order} />
                  </Table.Td>
                  <Table.Td>
                    <Text fw={500} fz="sm">
                      {r.name}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {summary(r)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {canManage ? (
                      <Switch aria-label={`Enable ${r.name}`} checked={r.isActive} onChange={(e) => void toggle(r, e.currentTarget.checked)} />
                    ) : (
                      <StatusBadge color={r.isActive ? 'teal' : 'gray'}>
                        {r.isActive ? 'On' : 'Off'}
                      </StatusBadge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="compact-sm" variant="subtle" color="gray" onClick={() => dialog.open(r)} aria-label={`${canManage ? 'Edit' : 'View'} rule ${r.name}`}>
                        {canManage ? 'Edit' : 'View'}
                      </Button>
                      {canManage && (
                        <ConfirmButton
                          size="compact-sm"
                          variant="subtle"
                          color="gray"
                          aria-label={`Delete rule ${r.name}`}
                          title={`Delete ${r.name}?`}
                          message="New mentions will no longer be routed by it."
                          confirmLabel="Delete rule"
                          successMessage={`Rule ${r.name} was deleted`}
                          onConfirm={() => remove.mutateAsync(r.id)}
                        >
                          Delete
                        </ConfirmButton>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {rulesQ.data && <ChannelRulesSection rules={rulesQ.data.filter((r) => r.layer === 'channel')} opts={opts} canManage={canManage} />}
      {dialog.subject && (
        <RuleFormModal
          key={dialog.key}
          rule={dialog.subject === 'new' ? undefined : dialog.subject}
          opts={opts}
          position={dataRules.length ? Math.max(...dataRules.map((r) => r.position)) + 1 : 0}
          readOnly={!canManage}
          opened={dialog.opened}
          onClose={dialog.close}
          onExited={dialog.onExited}
        />
      )}
    </>
  );
};
