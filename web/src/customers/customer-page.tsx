import { Alert, Anchor, Badge, Button, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Suspense, lazy, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { DuplicateSuggestion } from '@contracts';
import { can, useSignedIn } from '../api/session.ts';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useDialog } from '../components/use-dialog.ts';
import { channelKindLabel, formatFollowers } from '../inbox/index.ts';
import { SurveyScores } from '../surveys/index.ts';
import { useCustomer } from './api.ts';
import { ConversationsTable } from './conversations-table.tsx';
import { CustomerFormModal } from './customer-form.tsx';
import { IdentitiesTable } from './identities-table.tsx';
import { MergeDialog } from './merge-dialog.tsx';
import { MergeHistoryPanel, SuggestionsPanel } from './merge-panels.tsx';
import './customers.css';

// The charting library is large: it loads with the first customer page, not with the console.
const SentimentChart = lazy(() => import('./sentiment-chart.tsx').then((m) => ({ default: m.SentimentChart })));

const Section = ({ title, children, actions, testId }: { title: string; children: ReactNode; actions?: ReactNode; testId?: string }) => (
  <Paper withBorder p="sm" radius="sm" component="section" aria-label={title} data-testid={testId}>
    <Group justify="space-between" mb="xs" wrap="nowrap">
      <Title order={2} fz="md">
        {title}
      </Title>
      {actions}
    </Group>
    {children}
  </Paper>
);

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <div>
    <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
      {label}
    </Text>
    <Text fz="sm" component="div">
      {children}
    </Text>
  </div>
);

const attributeText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The customer 360: identities on every channel, influence, tier and attributes, notes, past
 * conversations and how they ended, sentiment over time, duplicate suggestions, merge and unmerge.
 */
export const CustomerPage = () => {
  const { id = '' } = useParams();
  const session = useSignedIn();
  const canWrite = can(session, 'customers:write');
  const customer = useCustomer(id);
  const edit = useDialog();
  const merge = useDialog<DuplicateSuggestion | null>();
  const navigate = useNavigate();
  const c = customer.data;

  if (customer.isError) return <LoadError error={customer.error} onRetry={() => void customer.refetch()} />;
  if (!c) return <Skeleton h={400} radius="sm" aria-busy="true" role="status" aria-label="Loading" />;

  const title = c.name ?? c.email ?? (c.identities[0] ? `@${c.identities[0].handle}` : 'Unnamed customer');
  const attributes = Object.entries(c.attributes);
  const merged = Boolean(c.mergedInto);

  return (
    <>
      <Anchor component={Link} to="/customers" fz="xs" c="dimmed">
        ← Customers
      </Anchor>
      <PageHeader
        title={title}
        description={
          <Group gap={6} component="span">
            {c.isVip && (
              <Badge size="sm" radius="sm" color="yellow.3" c="dark.8" tt="none">
                VIP
              </Badge>
            )}
            {c.tier && <span>{c.tier} tier ·</span>}
            {c.email && <span>{c.email} ·</span>}
            <span>
              {c.conversationCounts.total === 1 ? '1 conversation' : `${c.conversationCounts.total} conversations`}, {c.conversationCounts.open} open
            </span>
            {c.optedOut && <span>· opted out of outreach</span>}
          </Group>
        }
        actions={
          canWrite && !merged ? (
            <>
              <Button size="xs" variant="default" onClick={() => edit.open(true)}>
                Edit
              </Button>
              <Button size="xs" variant="default" onClick={() => merge.open(null)}>
                Merge with…
              </Button>
            </>
          ) : undefined
        }
      />
      {c.mergedInto && (
        <Alert color="yellow" variant="light" mb="md" role="status">
          This customer was merged into{' '}
          <Anchor component={Link} to={`/customers/${c.mergedInto.id}`} c="indigo.9" fw={600}>
            {c.mergedInto.name ?? 'another customer'}
          </Anchor>
          . Its merge history can undo that.
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Section title="Identities" testId="identities-section">
              <IdentitiesTable customer={c} canWrite={canWrite && !merged} />
            </Section>
            <Section title="Sentiment over time">
              <Suspense fallback={<Skeleton h={160} role="status" aria-label="Loading the chart" />}>
                <SentimentChart days={c.sentiment} />
              </Suspense>
            </Section>
            <Section title="Conversations">
              <ConversationsTable conversations={c.conversations} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <Section title="Profile" actions={canWrite && !merged ? <Button size="compact-xs" variant="subtle" onClick={() => edit.open(true)}>Edit</Button> : undefined}>
              <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
                <Fact label="Reach">{formatFollowers(c.influence.maxFollowers) ?? '—'}{c.influence.isVerified ? ' · verified' : ''}</Fact>
                <Fact label="Networks">{c.influence.networks.length ? c.influence.networks.map(channelKindLabel).join(', ') : '—'}</Fact>
                <Fact label="Tier">{c.tier ?? '—'}</Fact>
                <Fact label="Resolved">{c.conversationCounts.resolved} of {c.conversationCounts.total}</Fact>
              </SimpleGrid>
              <Text fz="xs" c="dimmed" tt="uppercase" fw={600} mt="sm">
                Attributes
              </Text>
              {attributes.length ? (
                <dl className="customer-attributes" data-testid="attributes">
                  {attributes.map(([k, v]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd>{attributeText(v)}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <Text fz="sm" c="dimmed">
                  None yet.
                </Text>
              )}
              <Text fz="xs" c="dimmed" tt="uppercase" fw={600} mt="sm">
                Notes
              </Text>
              <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="customer-notes" c={c.notes ? undefined : 'dimmed'}>
                {c.notes ?? 'No notes.'}
              </Text>
            </Section>
            <SurveyScores customerId={c.id} />
            <Section title="Possible duplicates">
              <SuggestionsPanel customerId={c.id} canWrite={canWrite && !merged} onMerge={(s) => merge.open(s)} />
            </Section>
            <Section title="Merge history">
              <MergeHistoryPanel customerId={c.id} canWrite={canWrite} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
      {edit.opened || edit.subject ? <CustomerFormModal key={edit.key} customer={c} opened={edit.opened} onClose={edit.close} onExited={edit.onExited} /> : null}
      <MergeDialog
        key={`merge-${merge.key}`}
        customer={c}
        suggestion={merge.subject}
        opened={merge.opened}
        onClose={merge.close}
        onExited={merge.onExited}
        onMerged={(survivorId) => {
          merge.close();
          notifications.show({ message: 'Customers merged. The merge history can undo it.', color: 'teal' });
          if (survivorId !== c.id) navigate(`/customers/${survivorId}`);
        }}
      />
    </>
  );
};
