import { Anchor, Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { DuplicateSuggestion } from '@contracts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { formatDateTime } from '../components/format.ts';
import { useMergeHistory, useSuggestions, useUndoMerge } from './api.ts';
import { IdentityBadges } from './identity-badges.tsx';
import { percent } from './merge-dialog.tsx';

/** Likely duplicates of this customer, each with its reasons and a confidence; merging is always a person's call here. */
export const SuggestionsPanel = ({ customerId, canWrite, onMerge }: { customerId: string; canWrite: boolean; onMerge: (s: DuplicateSuggestion) => void }) => {
  const suggestions = useSuggestions(customerId, true);
  if (suggestions.isPending) return <Loader size="sm" role="status" aria-label="Loading suggestions" />;
  if (suggestions.isError) return <Text fz="sm" c="#9b1c1c">Could not load suggestions.</Text>;
  if (!suggestions.data.length) return <Text fz="sm" c="dimmed">No likely duplicate found.</Text>;
  return (
    <Stack gap="sm" data-testid="merge-suggestions">
      {suggestions.data.map((s) => (
        <div key={s.customer.id} data-suggestion={s.customer.id}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Anchor component={Link} to={`/customers/${s.customer.id}`} fw={600} fz="sm" c="indigo.9" truncate="end">
              {s.customer.name ?? s.customer.email ?? `@${s.customer.identities[0]?.handle ?? '?'}`}
            </Anchor>
            <Badge size="sm" variant="light" color={s.confidence >= 0.9 ? 'teal' : s.confidence >= 0.6 ? 'yellow' : 'gray'} c="dark.8" tt="none" style={{ flexShrink: 0 }}>
              {percent(s.confidence)} confidence
            </Badge>
          </Group>
          <Text fz="xs" c="gray.8" mt={2}>
            {s.reasons.map((r) => r.detail).join(' · ')}
          </Text>
          {s.previouslyUnmerged && (
            <Text fz="xs" c="#8a3410" fw={600}>
              Unmerged before
            </Text>
          )}
          <Group justify="space-between" mt={4} wrap="nowrap">
            <IdentityBadges identities={s.customer.identities} max={3} />
            {canWrite && (
              <Button size="compact-xs" variant="light" onClick={() => onMerge(s)} aria-label={`Merge with ${s.customer.name ?? 'this customer'}…`}>
                Merge…
              </Button>
            )}
          </Group>
        </div>
      ))}
    </Stack>
  );
};

/** Merges into this customer and identities split off from it; each can be undone (audited by the API). */
export const MergeHistoryPanel = ({ customerId, canWrite }: { customerId: string; canWrite: boolean }) => {
  const history = useMergeHistory(customerId);
  const undo = useUndoMerge();
  if (history.isPending) return <Loader size="sm" role="status" aria-label="Loading merge history" />;
  if (history.isError) return <Text fz="sm" c="#9b1c1c">Could not load the merge history.</Text>;
  if (!history.data.length) return <Text fz="sm" c="dimmed">Never merged or split.</Text>;
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="merge-history">
      {history.data.map((m) => {
        const merged = m.mergedName ?? 'a customer';
        const what = m.kind === 'merge' ? `${merged} merged into ${m.survivorName ?? 'this customer'}` : `${merged} split off from ${m.survivorName ?? 'this customer'}`;
        return (
          <li key={m.id} data-merge={m.id} data-undone={m.undoneAt ? 'true' : undefined}>
            <Text fz="sm" fw={600} td={m.undoneAt ? 'line-through' : undefined}>
              {what}
            </Text>
            <Text fz="xs" c="gray.8">
              {m.reason}
              {m.confidence !== null ? ` · ${percent(m.confidence)} confidence` : ''}
            </Text>
            <Text fz="xs" c="dimmed">
              {formatDateTime(m.createdAt)} by {m.mergedBy}
              {m.undoneAt ? ` · undone ${formatDateTime(m.undoneAt)}${m.undoneBy ? ` by ${m.undoneBy}` : ''}` : ''}
            </Text>
            {canWrite && !m.undoneAt && (
              <ConfirmButton
                mt={4}
                size="compact-xs"
                variant="light"
                color="orange"
                c="#8a3410"
                title={m.kind === 'merge' ? 'Unmerge these customers?' : 'Link this identity back?'}
                message={
                  m.kind === 'merge'
                    ? `${merged} becomes a customer of its own again, with the identities and conversations it brought, and the ones that arrived through them since.`
                    : `The identity goes back to ${m.survivorName ?? 'this customer'}, with its conversations.`
                }
                confirmLabel={m.kind === 'merge' ? 'Unmerge' : 'Link back'}
                successMessage={m.kind === 'merge' ? 'Unmerged' : 'Linked back'}
                onConfirm={() => undo.mutateAsync(m.id)}
              >
                {m.kind === 'merge' ? 'Unmerge' : 'Link back'}
              </ConfirmButton>
            )}
          </li>
        );
      })}
    </Stack>
  );
};
