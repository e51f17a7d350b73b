import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';

/**
 * A screen's title row. The h1 takes the focus after each navigation (tabIndex -1), so keyboard
 * and screen-reader users land on the new content rather than at the top of the page.
 */
export const PageHeader = ({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) => {
  useEffect(() => {
    document.title = `${title} · Lookout`;
  }, [title]);
  return (
    <Group justify="space-between" align="flex-end" mb="md" wrap="nowrap" gap="md">
      <Stack gap={2}>
        <Title order={1} tabIndex={-1} data-route-heading="">
          {title}
        </Title>
        {description && (
          <Text c="dimmed" fz="sm">
            {description}
          </Text>
        )}
      </Stack>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
};
