import { Select, Stack, Text, type SelectProps } from '@mantine/core';
import { ROLE_HINTS, ROLE_LABELS, ROLES, type Role } from '../api/types.ts';

const data = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** A role picker that says what each role may do. */
export const RoleSelect = ({ value, onChange, ...rest }: { value: Role; onChange: (r: Role) => void } & Omit<SelectProps, 'value' | 'onChange' | 'data'>) => (
  <Select
    label="Role"
    data={data}
    value={value}
    onChange={(v) => v && onChange(v as Role)}
    renderOption={({ option }) => (
      <Stack gap={0}>
        <Text fz="sm">{option.label}</Text>
        <Text fz="xs" c="dimmed">
          {ROLE_HINTS[option.value as Role]}
        </Text>
      </Stack>
    )}
    description={ROLE_HINTS[value]}
    {...rest}
  />
);
