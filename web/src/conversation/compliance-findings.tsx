import { Alert, Badge, Group, List, Text } from '@mantine/core';
import type { ComplianceFinding } from '@contracts';

/** Orange dark enough for white text (WCAG AA 4.5:1); Mantine's orange.9 is just short of it. */
export const WARN_COLOR = '#a83c00';

const KIND_LABELS: Record<string, string> = {
  cardNumber: 'Card number',
  accountNumber: 'Account number',
  email: 'Email address',
  phone: 'Phone number',
  address: 'Postal address',
  pattern: 'Workspace rule',
  forbiddenPromise: 'Forbidden promise',
  businessHours: 'Business hours',
};

export const findingKindLabel = (kind: string): string => KIND_LABELS[kind] ?? kind;

/**
 * What the compliance guard found in a draft, next to it: blocks in red (Send stays disabled),
 * warnings in orange (Send asks for confirmation). Announced politely to screen readers.
 */
export const ComplianceFindings = ({ findings }: { findings: ComplianceFinding[] }) => {
  if (!findings.length) return null;
  const blocked = findings.some((f) => f.action === 'block');
  return (
    <Alert
      mt="xs"
      p="xs"
      color={blocked ? 'red' : 'orange'}
      variant="light"
      title={blocked ? 'The compliance guard blocks this reply' : 'The compliance guard has a warning'}
      data-testid="compliance-findings"
      data-blocked={blocked ? 'true' : 'false'}
      aria-live="polite"
    >
      <List size="sm" spacing={4} aria-label="Compliance findings" listStyleType="none" ml={0}>
        {findings.map((f, i) => (
          <List.Item key={`${f.kind}-${f.span?.start ?? 'all'}-${i}`} data-testid="compliance-finding" data-kind={f.kind} data-action={f.action}>
            <Group gap={6} wrap="nowrap" align="flex-start">
              <Badge size="xs" radius="sm" variant="filled" color={f.action === 'block' ? 'red.9' : WARN_COLOR} tt="none" style={{ flexShrink: 0 }}>
                {f.action === 'block' ? 'Blocked' : 'Warning'} · {findingKindLabel(f.kind)}
              </Badge>
              <Text fz="xs" c="dark.7">
                {f.message}
              </Text>
            </Group>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
};
