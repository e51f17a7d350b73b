import { Button, EmptyState, Group, Modal, Progress, Stack, Table, Text } from '@mantine/core';
import { StatusBadge } from './status-badge.tsx';
import { notifications } from '@mantine/notifications';
import { messageOf } from '../api/client.ts';
import { can, useSignedIn } from '../api/session.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { formatDateTime } from '../components/format.ts';
import { PlusIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useDialog } from '../components/use-dialog.ts';
import { TrainClassifierModal } from './classifier-train-form.tsx';
import { useActivateClassifier, useClassifiers, useDeleteClassifier, useRetrainFromTags, useRetrainNeedsResponse, type Classifier } from './settings-api.ts';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

/** Accuracy on the held-out share, what it abstains on, and per label its examples, precision and recall. */
const MetricsModal = ({ c, opened, onClose, onExited }: { c: Classifier; opened: boolean; onClose: () => void; onExited?: () => void }) => {
  const m = c.metrics;
  const labels = Object.entries(m.labels).sort((a, b) => b[1] - a[1]);
  const most = Math.max(1, ...labels.map(([, n]) => n));
  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={`${c.name}: how it did`} size="lg">
      <Stack gap="sm">
        <Group gap="xl">
          <Stack gap={0}>
            <Text fz="xs" c="dimmed">Accuracy when it answers</Text>
            <Text fz="xl" fw={700} data-metric="accuracy">{pct(m.accuracy)}</Text>
          </Stack>
          <Stack gap={0}>
            <Text fz="xs" c="dimmed">Abstains on</Text>
            <Text fz="xl" fw={700}>{pct(m.abstainRate)}</Text>
          </Stack>
          <Stack gap={0}>
            <Text fz="xs" c="dimmed">Out-of-scope caught</Text>
            <Text fz="xl" fw={700}>{pct(m.outOfScopeRecall)}</Text>
          </Stack>
          <Stack gap={0}>
            <Text fz="xs" c="dimmed">Examples (held out)</Text>
            <Text fz="xl" fw={700}>{`${m.examples} (${m.heldOut})`}</Text>
          </Stack>
        </Group>
        {m.heldOut === 0 && (
          <Text fz="sm" c="orange.9">
            Not measured: with fewer than about 40 examples none can be held out to test on. Add examples and train again.
          </Text>
        )}
        <Table aria-label="Examples per label">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Label</Table.Th>
              <Table.Th>Examples</Table.Th>
              {m.perLabel && <Table.Th title="Of the answers giving this label, how many were right (held out)">Precision</Table.Th>}
              {m.perLabel && <Table.Th title="Of this label's held-out examples, how many it got (an abstention is a miss)">Recall</Table.Th>}
              <Table.Th w="40%"><span className="visually-hidden">Share</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {labels.map(([label, n]) => (
              <Table.Tr key={label} data-label={label}>
                <Table.Td>{label}</Table.Td>
                <Table.Td>{n}</Table.Td>
                {m.perLabel && <Table.Td data-metric="precision">{pct(m.perLabel[label]?.precision ?? null)}</Table.Td>}
                {m.perLabel && <Table.Td data-metric="recall">{pct(m.perLabel[label]?.recall ?? null)}</Table.Td>}
                <Table.Td><Progress value={(n / most) * 100} aria-label={`${label}: ${n} examples`} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text fz="xs" c="dimmed">
          Confidence threshold {m.threshold.toFixed(2)}; trained in {m.trainMs} ms. A label with few examples is learnt poorly: aim for 20 or more each.
        </Text>
      </Stack>
    </Modal>
  );
};

export const ClassifiersPage = () => {
  const session = useSignedIn();
  const canManage = can(session, 'rules:manage');
  const list = useClassifiers();
  const activate = useActivateClassifier();
  const fromTags = useRetrainFromTags();
  const needsResponse = useRetrainNeedsResponse();
  const remove = useDeleteClassifier();
  const trainDialog = useDialog();
  const metrics = useDialog<Classifier>();
  const rows = [...(list.data ?? [])].sort((a, b) => a.name.localeCompare(b.name) || b.createdAt.localeCompare(a.createdAt));

  const run = async (what: string, fn: () => Promise<Classifier>) => {
    try {
      const c = await fn();
      notifications.show({ message: `${what}: ${c.name}${c.metrics.accuracy !== null ? `, ${pct(c.metrics.accuracy)} accurate` : ''}`, color: 'teal' });
    } catch (err) {
      notifications.show({ title: `${what} failed`, message: messageOf(err), color: 'red' });
    }
  };

  return (
    <>
      <PageHeader
        title="Classifiers"
        description="Your own intent and topic labels, learnt from examples or your team's tags, applied to new mentions."
        actions={
          canManage && (
            <>
              <Button variant="default" loading={needsResponse.isPending} onClick={() => void run('Needs-response retrained', () => needsResponse.mutateAsync())}>
                Retrain needs-response
              </Button>
              <Button leftSection={<PlusIcon size={16} />} onClick={() => trainDialog.open(true)}>
                Train classifier
              </Button>
            </>
          )
        }
      />
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <TableSkeleton />
      ) : rows.length === 0 ? (
        <EmptyState title="No classifiers yet" description="Upload labelled examples (such as billing / shipping) to tag new mentions automatically." py="xl" />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder aria-label="Classifiers">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>Classifier</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Accuracy</Table.Th>
                <Table.Th>Examples</Table.Th>
                <Table.Th>Trained</Table.Th>
                <Table.Th><span className="visually-hidden">Actions</span></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.id} data-classifier={c.name} data-active={c.isActive || undefined}>
                  <Table.Td>
                    <Text fz="sm" fw={500}>{c.name}</Text>
                    <Text fz="xs" c="dimmed">{c.kind === 'needs_response' ? 'needs response' : c.kind} · {Object.keys(c.metrics.labels).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge color={c.isActive ? 'teal' : 'gray'}>{c.isActive ? 'Active' : 'Inactive'}</StatusBadge>
                  </Table.Td>
                  <Table.Td fz="sm">{c.metrics.heldOut === 0 ? 'not measured' : pct(c.metrics.accuracy)}</Table.Td>
                  <Table.Td fz="sm">{c.metrics.examples}</Table.Td>
                  <Table.Td fz="sm">{formatDateTime(c.createdAt)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="compact-sm" variant="subtle" color="gray" onClick={() => metrics.open(c)} aria-label={`Metrics of ${c.name}`}>
                        Metrics
                      </Button>
                      {canManage && !c.isActive && (
                        <Button size="compact-sm" variant="subtle" onClick={() => void run('Activated', () => activate.mutateAsync(c.id))} aria-label={`Activate ${c.name} of ${formatDateTime(c.createdAt)}`}>
                          Activate
                        </Button>
                      )}
                      {canManage && c.isActive && c.kind !== 'needs_response' && (
                        <Button size="compact-sm" variant="subtle" color="gray" loading={fromTags.isPending && fromTags.variables === c.id} onClick={() => void run('Retrained from tags', () => fromTags.mutateAsync(c.id))} aria-label={`Retrain ${c.name} from tags`}>
                          Retrain from tags
                        </Button>
                      )}
                      {canManage && (
                        <ConfirmButton size="compact-sm" variant="subtle" color="gray" aria-label={`Delete ${c.name} of ${formatDateTime(c.createdAt)}`} title={`Delete this version of ${c.name}?`} message="Mentions already labelled keep their labels." confirmLabel="Delete" successMessage="Classifier version deleted" onConfirm={() => remove.mutateAsync(c.id)}>
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
      {trainDialog.subject && <TrainClassifierModal key={trainDialog.key} names={[...new Set(rows.map((r) => r.name))]} opened={trainDialog.opened} onClose={trainDialog.close} onExited={trainDialog.onExited} />}
      {metrics.subject && <MetricsModal key={metrics.key} c={metrics.subject} opened={metrics.opened} onClose={metrics.close} onExited={metrics.onExited} />}
    </>
  );
};
