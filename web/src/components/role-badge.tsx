import { Badge, type BadgeProps } from '@mantine/core';
import { ROLE_LABELS, type Role } from '../api/types.ts';

// Light tints with dark text: every label stays above 4.5:1 contrast (WCAG AA).
const COLORS: Record<Role, { bg: string; fg: string }> = {
  admin: { bg: 'red.1', fg: '#9b1c1c' },
  supervisor: { bg: 'grape.1', fg: '#6b1f7c' },
  agent: { bg: 'indigo.1', fg: '#2c3a96' },
  analyst: { bg: 'teal.1', fg: '#05573f' },
  product: { bg: 'orange.1', fg: '#8a3410' },
};

export const RoleBadge = ({ role, ...rest }: { role: Role } & BadgeProps) => (
  <Badge variant="filled" bg={COLORS[role].bg} c={COLORS[role].fg} radius="sm" tt="none" fw={600} {...rest}>
    {ROLE_LABELS[role]}
  </Badge>
);
