import { Button, Chip, Group, Select } from '@mantine/core';
import { channelKindLabel } from './format.ts';
import { useChannels, useTags } from './api.ts';
import {
  INFLUENCE_OPTIONS, INTENT_OPTIONS, LANGUAGE_OPTIONS, PRIORITY_OPTIONS, SENTIMENT_OPTIONS, activeFilterCount, type InboxFilters,
} from './filters.ts';

/**
 * The filter bar above the inbox: one compact control per filter of the API. Every control has a
 * visible placeholder naming it and an accessible label; choosing sets the URL (see filters.ts).
 */
export const InboxFilterBar = ({ filters, onChange, canSeeChannels }: { filters: InboxFilters; onChange: (f: InboxFilters) => void; canSeeChannels: boolean }) => {
  const channels = useChannels(canSeeChannels);
  const tags = useTags();
  const set = <K extends keyof InboxFilters>(key: K, value: InboxFilters[K] | undefined) => {
    const next = { ...filters };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  const num = (v: string | null) => (v === null ? undefined : Number(v));
  const common = { size: 'xs', clearable: true, comboboxProps: { withinPortal: true }, w: 128 } as const;
  return (
    <Group gap={6} mb="sm" wrap="wrap" role="group" aria-label="Filters" data-testid="inbox-filters">
      {canSeeChannels && (
        <Select
          {...common}
          aria-label="Channel"
          placeholder="Channel"
          data={(channels.data ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${channelKindLabel(c.kind)}` }))}
          value={filters.channelId ?? null}
          onChange={(v) => set('channelId', v ?? undefined)}
          w={170}
        />
      )}
      <Select {...common} aria-label="Sentiment" placeholder="Sentiment" data={SENTIMENT_OPTIONS} value={filters.sentiment ?? null} onChange={(v) => set('sentiment', (v ?? undefined) as InboxFilters['sentiment'])} />
      <Select {...common} aria-label="Intent" placeholder="Intent" data={INTENT_OPTIONS} value={filters.intent ?? null} onChange={(v) => set('intent', v ?? undefined)} searchable comboboxProps={{ withinPortal: true, width: 180 }} />
      <Select
        {...common}
        aria-label="Tag"
        placeholder="Tag"
        data={[...new Set([...(tags.data ?? []).map((t) => t.name), ...(filters.tag ? [filters.tag] : [])])]}
        value={filters.tag ?? null}
        onChange={(v) => set('tag', v ?? undefined)}
        searchable
        nothingFoundMessage="No tags yet"
      />
      <Select {...common} aria-label="Priority" placeholder="Priority" data={PRIORITY_OPTIONS} value={filters.minPriority?.toString() ?? null} onChange={(v) => set('minPriority', num(v))} w={150} comboboxProps={{ withinPortal: true, width: 200 }} />
      <Select {...common} aria-label="Influence" placeholder="Influence" data={INFLUENCE_OPTIONS} value={filters.minInfluence?.toString() ?? null} onChange={(v) => set('minInfluence', num(v))} comboboxProps={{ withinPortal: true, width: 170 }} />
      <Select {...common} aria-label="Language" placeholder="Language" data={LANGUAGE_OPTIONS} value={filters.language ?? null} onChange={(v) => set('language', v ?? undefined)} searchable comboboxProps={{ withinPortal: true, width: 200 }} />
      <Chip size="xs" checked={Boolean(filters.slaAtRisk)} onChange={(on) => set('slaAtRisk', on || undefined)} color="orange" variant="outline">
        SLA at risk
      </Chip>
      {activeFilterCount(filters) > 0 && (
        <Button size="compact-xs" variant="subtle" color="gray" c="gray.8" onClick={() => onChange({})}>
          Clear filters
        </Button>
      )}
    </Group>
  );
};
