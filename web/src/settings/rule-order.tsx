import { ActionIcon, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { messageOf } from '../api/client.ts';
import { useReorderRules, type Rule } from './settings-api.ts';

/** Moving a rule of one layer up or down: the whole new order is saved at once. */
export const useRuleOrder = (rules: Rule[], layer: 'data' | 'channel') => {
  const reorder = useReorderRules();
  const move = async (index: number, by: -1 | 1) => {
    const ids = rules.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    try {
      await reorder.mutateAsync({ layer, ids });
    } catch (err) {
      notifications.show({ title: 'Order not saved', message: messageOf(err), color: 'red' });
    }
  };
  return { move, pending: reorder.isPending };
};

/** A rule's position, with up/down buttons for those who may change the order. */
export const RuleOrderCell = ({ name, index, count, canManage, order }: { name: string; index: number; count: number; canManage: boolean; order: ReturnType<typeof useRuleOrder> }) => (
  <Group gap={2} wrap="nowrap">
    <Text fz="sm" c="dimmed" w={18}>
      {index + 1}
    </Text>
    {canManage && (
      <>
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Move ${name} up`} disabled={index === 0 || order.pending} onClick={() => void order.move(index, -1)}>
          <span aria-hidden>↑</span>
        </ActionIcon>
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Move ${name} down`} disabled={index === count - 1 || order.pending} onClick={() => void order.move(index, 1)}>
          <span aria-hidden>↓</span>
        </ActionIcon>
      </>
    )}
  </Group>
);
