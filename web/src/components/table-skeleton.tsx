import { Skeleton, Stack } from '@mantine/core';

/** Placeholder rows while a table loads, so the layout does not jump. */
export const TableSkeleton = ({ rows = 5, columns = 4 }: { rows?: number; columns?: number }) => (
  <Stack gap={8} aria-busy="true" role="status" aria-label="Loading">
    <Skeleton h={32} />
    {Array.from({ length: rows }, (_, i) => (
      <Skeleton key={i} h={36} opacity={1 - i * (0.6 / rows)} width={columns > 4 ? '100%' : '90%'} />
    ))}
  </Stack>
);
