import { Anchor, Badge, Divider, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { ConversationDetailView } from '@contracts';
import { formatAgo } from '../components/format.ts';
import { PriorityBadge, SlaCountdown, channelKindLabel, priorityBand, statusLabel } from '../inbox/index.ts';

/** Why the conversation is where it is: triage reasons, the rules that fired, the SLA and the customer. */

interface FiredRule {
  ruleName?: string;
  reasons?: string[];
  actions?: unknown[];
}

const Fact = ({ label, value }: { label: string; value: string | null | undefined }) =>
  value ? (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="xs" fw={500} ta="right" truncate>
        {value}
      </Text>
    </Group>
  ) : null;

export const TriagePanel = ({ c }: { c: ConversationDetailView }) => {
  const rules = c.firedRules as FiredRule[];
  const others = c.customerConversations.filter((o) => o.id !== c.id);
  return (
    <Stack gap="sm" component="aside" aria-label="Triage and customer">
      <Paper withBorder radius="sm" p="sm">
        <Group justify="space-between" mb={6}>
          <Title order={2} fz="sm">
            Why this priority
          </Title>
          <PriorityBadge priority={c.priority} reasons={c.reasons} />
        </Group>
        <Text fz="xs" c="dimmed" mb={6}>
          {priorityBand(c.priority).label} · {c.needsResponse ? 'needs a response' : 'triage says no response needed'}
        </Text>
        <List size="sm" spacing={2} data-testid="triage-reasons">
          {c.reasons.map((r) => (
            <List.Item key={r}>{r}</List.Item>
          ))}
        </List>
        <Divider my="xs" />
        <Stack gap={2}>
          <Fact label="Sentiment" value={c.sentiment} />
          <Fact label="Intent" value={c.intent} />
          <Fact label="Language" value={c.language} />
        </Stack>
      </Paper>

      <Paper withBorder radius="sm" p="sm">
        <Title order={2} fz="sm" mb={6}>
          Rules fired
        </Title>
        {rules.length === 0 ? (
          <Text fz="xs" c="dimmed">
            No routing rule matched.
          </Text>
        ) : (
          <Stack gap={6} data-testid="fired-rules">
            {rules.map((r, i) => (
              <div key={`${r.ruleName}-${i}`}>
                <Text fz="sm" fw={500}>
                  {r.ruleName ?? 'A rule'}
                </Text>
                {r.reasons?.length ? (
                  <Text fz="xs" c="dimmed">
                    {r.reasons.join('; ')}
                  </Text>
                ) : null}
              </div>
            ))}
          </Stack>
        )}
      </Paper>

      <Paper withBorder radius="sm" p="sm">
        <Group justify="space-between" mb={6}>
          <Title order={2} fz="sm">
            SLA
          </Title>
          <SlaCountdown sla={c.sla} />
        </Group>
        <Stack gap={2}>
          <Fact label="First response" value={c.sla.firstResponseAt ? `answered ${formatAgo(c.sla.firstResponseAt)}` : c.sla.firstResponseDueAt ? `due ${formatAgo(c.sla.firstResponseDueAt)}` : 'no target'} />
          <Fact label="Resolution" value={c.sla.resolvedAt ? `resolved ${formatAgo(c.sla.resolvedAt)}` : c.sla.resolutionDueAt ? `due ${formatAgo(c.sla.resolutionDueAt)}` : 'no target'} />
        </Stack>
      </Paper>

      <Paper withBorder radius="sm" p="sm">
        <Title order={2} fz="sm" mb={6}>
          Customer
        </Title>
        <Group gap={6} mb={4}>
          {c.customer ? (
            <Anchor component={Link} to={`/customers/${c.customer.id}`} fz="sm" fw={600} c="indigo.9">
              {c.customer.name ?? 'Unnamed customer'}
            </Anchor>
          ) : (
            <Text fz="sm" fw={600}>
              Unknown
            </Text>
          )}
          {c.customer?.isVip && (
            <Badge size="xs" color="yellow" c="yellow.9" variant="light">
              VIP
            </Badge>
          )}
        </Group>
        <Stack gap={2}>
          <Fact label="Email" value={c.customer?.email} />
          <Fact label="Tier" value={c.customer?.tier} />
        </Stack>
        {others.length > 0 && (
          <>
            <Text fz="xs" c="dimmed" mt="xs" mb={2}>
              Other conversations
            </Text>
            <Stack gap={2}>
              {others.map((o) => (
                <Link key={o.id} to={`/inbox/${o.id}`} style={{ fontSize: 'var(--mantine-font-size-xs)' }}>
                  {channelKindLabel(o.channel?.kind)} · {statusLabel(o.status)} · {formatAgo(o.lastMessageAt)}
                </Link>
              ))}
            </Stack>
          </>
        )}
      </Paper>
    </Stack>
  );
};
