import { Badge, type BadgeProps } from '@mantine/core';

/** Dark text per tint: Mantine's shade 9 on shade 1 is below 4.5:1 for teal at 11 px (WCAG AA); the same choice as RoleBadge. */
const INK: Record<string, string> = { teal: '#05573f', gray: '#343a40', red: '#9b1c1c', yellow: '#6b4a00', indigo: '#2c3a96', orange: '#8a3410' };

export const StatusBadge = ({ color = 'gray', ...rest }: BadgeProps & { color?: string; tabIndex?: number; 'aria-label'?: string }) => (
  <Badge variant="filled" bg={`${color}.1`} c={INK[color] ?? `${color}.9`} tt="none" fw={600} {...rest} />
);
