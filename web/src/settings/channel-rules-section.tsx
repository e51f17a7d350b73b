import { Button, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { messageOf } from '../api/client.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { PlusIcon } from '../components/icons.tsx';
import { useDialog } from '../components/use-dialog.ts';
import { ChannelRuleModal, describeChannelRule } from './channel-rule-form.tsx';
import type { BuilderOptions } from './rule-builder.tsx';
import { useCalendars, useDeleteRule, useUpdateRule, type Rule } from './settings-api.ts';
import { StatusBadge } from './status-badge.tsx';
import { RuleOrderCell, useRuleOrder } from './rule-order.tsx';

/** The channel layer: business hours, approval before public replies and auto-acknowledgement per channel. */
export const ChannelRulesSection = ({ rules, opts, canManage }: { rules: Rule[]; opts: BuilderOptions; canManage: boolean }) => {
  const calendars = useCalendars();
  const update = useUpdateRule();
  const remove = useDeleteRule();
  const dialog = useDialog<Rule | 'new'>();
  const cals = calendars.data ?? [];
  const order = useRuleOrder(rules, 'channel');

  const toggle = async (r: Rule, isActive: boolean) => {
    try {
      await update.mutateAsync({ id: r.id, patch: { isActive } });
    } catch (err) {
      notifications.show({ title: 'Not changed', message: messageOf(err), color: 'red' });
    }
  };

  return (
    <Stack gap="xs" component="section" aria-label="Channel rules" mt="xl">
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={2} fz="lg">
            Channel rules
          </Title>
          <Text fz="sm" c="dimmed">
            How to approach a channel: its business hours, approval before a public reply, an automatic acknowledgement.
          </Text>
        </Stack>
        {canManage && (
          <Button size="sm" variant="light" leftSection={<PlusIcon size={16} />} onClick={() => dialog.open('new')}>
            New channel rule
          </Button>
        )}
      </Group>
      {rules.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No channel rules: every channel is counted around the clock, without approval or acknowledgement beyond the workspace’s settings.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder aria-label="Channel rules">
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
              {rules.map((r, i) => (
                <Table.Tr key={r.id} data-channel-rule={r.name}>
                  <Table.Td>
                    <RuleOrderCell name={r.name} index={i} count={rules.length} canManage={canManage} order={order} />
                  </Table.Td>
                  <Table.Td>
                    <Text fw={500} fz="sm">
                      {r.name}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {describeChannelRule(r, opts, cals)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {canManage ? (
                      <Switch aria-label={`Enable ${r.name}`} checked={r.isActive} onChange={(e) => void toggle(r, e.currentTarget.checked)} />
                    ) : (
                      <StatusBadge color={r.isActive ? 'teal' : 'gray'}>{r.isActive ? 'On' : 'Off'}</StatusBadge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {canManage && (
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-sm" variant="subtle" color="gray" onClick={() => dialog.open(r)} aria-label={`Edit channel rule ${r.name}`}>
                          Edit
                        </Button>
                        <ConfirmButton size="compact-sm" variant="subtle" color="gray" aria-label={`Delete channel rule ${r.name}`} title={`Delete ${r.name}?`} message="Its channels fall back to the next channel rule or the workspace’s settings." confirmLabel="Delete rule" successMessage={`Rule ${r.name} was deleted`} onConfirm={() => remove.mutateAsync(r.id)}>
                          Delete
                        </ConfirmButton>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog.subject && (
        <ChannelRuleModal
          key={dialog.key}
          rule={dialog.subject === 'new' ? undefined : dialog.subject}
          opts={opts}
          calendars={cals}
          position={rules.length ? Math.max(...rules.map((r) => r.position)) + 1 : 0}
          opened={dialog.opened}
          onClose={dialog.close}
          onExited={dialog.onExited}
        />
      )}
    </Stack>
  );
};
