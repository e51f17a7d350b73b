import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Customer360, CustomerSummary, DuplicateSuggestion } from '@contracts';
import { messageOf } from '../api/client.ts';
import { FormAlert } from '../components/form-alert.tsx';
import { useCustomerSearch, useMergeCustomers } from './api.ts';
import { IdentityBadges } from './identity-badges.tsx';

const nameOf = (c: { name: string | null; email?: string | null; identities: readonly { handle: string }[] }) => c.name ?? c.email ?? (c.identities[0] ? `@${c.identities[0].handle}` : 'Unnamed customer');

export const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Finds the other customer by name, email or handle (when the merge did not start from a suggestion). */
const CustomerPicker = ({ excludeId, onPick }: { excludeId: string; onPick: (c: CustomerSummary) => void }) => {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 200);
  const found = useCustomerSearch(q);
  const options = (found.data?.items ?? []).filter((c) => c.id !== excludeId);
  return (
    <Select
      label="Customer to merge with"
      placeholder="Type a name, email or handle"
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      data={options.map((c) => ({ value: c.id, label: `${nameOf(c)}${c.identities[0] ? ` · @${c.identities[0].handle}` : ''}` }))}
      onChange={(id) => {
        const c = options.find((x) => x.id === id);
        if (c) onPick(c);
      }}
      nothingFoundMessage={q ? 'No other customer matches' : 'Start typing'}
      data-autofocus
      comboboxProps={{ withinPortal: false }}
    />
  );
};

/**
 * Merging two customers: say which one survives (its id stays; the other's identities and
 * conversations move into it), why, and confirm. The API audits it, and the merge history undoes it.
 */
export const MergeDialog = ({
  customer,
  suggestion,
  opened,
  onClose,
  onExited,
  onMerged,
}: {
  customer: Customer360;
  suggestion: DuplicateSuggestion | null;
  opened: boolean;
  onClose: () => void;
  onExited: () => void;
  onMerged: (survivorId: string) => void;
}) => {
  const merge = useMergeCustomers();
  const [other, setOther] = useState<CustomerSummary | null>(suggestion?.customer ?? null);
  const [survivor, setSurvivor] = useState<'this' | 'other'>('this');
  const [reason, setReason] = useState(suggestion ? suggestion.reasons.map((r) => r.detail).join('; ').slice(0, 500) : '');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!other) return;
    if (!reason.trim()) return setReasonError('Say why these are the same person (kept in the audit log)');
    const [survivorId, otherId] = survivor === 'this' ? [customer.id, other.id] : [other.id, customer.id];
    try {
      await merge.mutateAsync({ survivorId, otherId, reason: reason.trim(), ...(suggestion ? { confidence: suggestion.confidence } : {}) });
      onMerged(survivorId);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const thisName = nameOf(customer);
  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title="Merge customers" size="lg">
      <Stack gap="sm" data-testid="merge-dialog">
        <FormAlert message={error} />
        {!other ? (
          <CustomerPicker excludeId={customer.id} onPick={setOther} />
        ) : (
          <>
            {suggestion && (
              <Alert variant="light" color="indigo" py="xs">
                <Text fz="sm">
                  Suggested with {percent(suggestion.confidence)} confidence: {suggestion.reasons.map((r) => r.detail).join('; ')}
                </Text>
                {suggestion.previouslyUnmerged && (
                  <Text fz="sm" fw={600} mt={4}>
                    Someone unmerged these two before.
                  </Text>
                )}
              </Alert>
            )}
            <Radio.Group label="Which customer stays?" description="The other one's identities, conversations and attributes move into it." value={survivor} onChange={(v) => setSurvivor(v as 'this' | 'other')}>
              <Stack gap="xs" mt={6}>
                {(
                  [
                    ['this', thisName, customer.identities, customer.email],
                    ['other', nameOf(other), other.identities, other.email],
                  ] as const
                ).map(([value, name, identities, email]) => (
                  <Radio.Card key={value} value={value} p="sm" radius="sm" aria-label={`Keep ${name}`}>
                    <Group wrap="nowrap" align="flex-start" gap="sm">
                      <Radio.Indicator />
                      <div style={{ minWidth: 0 }}>
                        <Group gap={6}>
                          <Text fw={600} fz="sm">
                            {name}
                          </Text>
                          {value === 'this' && (
                            <Badge size="xs" variant="light" color="gray" c="gray.8" tt="none">
                              this page
                            </Badge>
                          )}
                        </Group>
                        {email && (
                          <Text fz="xs" c="dimmed">
                            {email}
                          </Text>
                        )}
                        <IdentityBadges identities={identities} />
                      </div>
                    </Group>
                  </Radio.Card>
                ))}
              </Stack>
            </Radio.Group>
            <Textarea
              label="Why are they the same person?"
              required
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setReasonError(null);
              }}
              error={reasonError}
            />
            <Text fz="xs" c="dimmed">
              The merge is recorded in the audit log and can be undone from the merge history.
            </Text>
          </>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} disabled={!other} loading={merge.isPending} data-testid="confirm-merge">
            Merge
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};
