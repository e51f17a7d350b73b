import { useEffect, useState } from 'react';
import { Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { StatusBadge } from './status-badge.tsx';
import { useDebouncedValue } from '@mantine/hooks';
import { ApiError, messageOf } from '../api/client.ts';
import { formatAgo } from '../components/format.ts';
import { previewQuery, type QueryPreview } from './settings-api.ts';

/**
 * What a listening query would match among recent mentions, refreshed as the query is typed
 * (debounced). A syntax error goes to `onSyntaxError`, so the form shows it next to the field.
 */
export const useQueryPreview = (query: string) => {
  const [debounced] = useDebouncedValue(query.trim(), 300);
  const [state, setState] = useState<{ for: string; result?: QueryPreview; error?: string; loading: boolean }>({ for: '', loading: false });
  useEffect(() => {
    if (!debounced) {
      setState({ for: '', loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, for: debounced, loading: true }));
    previewQuery(debounced).then(
      (result) => live && setState({ for: debounced, result, loading: false }),
      (err: unknown) => live && setState({ for: debounced, error: err instanceof ApiError ? (err.fields.query ?? err.message) : messageOf(err), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [debounced]);
  return state;
};

export const QueryPreviewPanel = ({ preview }: { preview: ReturnType<typeof useQueryPreview> }) => {
  if (!preview.for) {
    return (
      <Text fz="sm" c="dimmed">
        Type a query to see what it matches among recent mentions.
      </Text>
    );
  }
  return (
    <Paper withBorder p="sm" bg="gray.0" aria-label="Live preview" component="section" aria-live="polite">
      <Group justify="space-between" mb={6}>
        <Text fz="sm" fw={600}>
          Live preview
        </Text>
        {preview.loading ? (
          <Loader size="xs" role="status" aria-label="Updating preview" />
        ) : preview.result ? (
          <Text fz="xs" c="dimmed" data-preview-count={preview.result.matched}>
            {preview.result.matched} of the last {preview.result.scanned} mentions match
          </Text>
        ) : null}
      </Group>
      {preview.error ? (
        <Text fz="sm" c="red.8">
          No preview: {preview.error}
        </Text>
      ) : preview.result && preview.result.examples.length === 0 ? (
        <Text fz="sm" c="dimmed">
          Nothing recent matches.
        </Text>
      ) : (
        <Stack gap={6}>
          {preview.result?.examples.map((e) => (
            <Group key={e.mentionId} gap={8} wrap="nowrap" align="flex-start" data-preview-match="">
              <StatusBadge size="sm" color="gray" style={{ flexShrink: 0 }}>
                {e.channelKind}
              </StatusBadge>
              <Text fz="sm" style={{ flex: 1, minWidth: 0 }} lineClamp={2}>
                {e.text}
              </Text>
              <Text fz="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {formatAgo(e.authoredAt)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
};
