import { Button, Group, Modal, NumberInput, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCreateMember, useUpdateMember } from '../api/resources.ts';
import type { Member, Role } from '../api/types.ts';
import { FormAlert } from '../components/form-alert.tsx';
import { MIN_PASSWORD_LENGTH, rules, useForm, type Errors } from '../forms/use-form.ts';
import { RoleSelect } from './role-select.tsx';

interface MemberFields extends Record<string, unknown> {
  email: string;
  name: string;
  role: Role;
  persona: string;
  capacity: number | string;
  password: string;
}

const validate = (v: MemberFields, isNew: boolean): Errors<MemberFields> => ({
  email: isNew ? rules.email(v.email) : undefined,
  name: rules.required(v.name, 'Name') ?? rules.maxLength(v.name, 200, 'The name'),
  persona: rules.maxLength(v.persona, 40, 'The persona'),
  capacity: typeof v.capacity === 'number' && Number.isInteger(v.capacity) && v.capacity >= 0 && v.capacity <= 1000 ? undefined : 'A whole number from 0 to 1000',
  password: v.password && v.password.length < MIN_PASSWORD_LENGTH ? `At least ${MIN_PASSWORD_LENGTH} characters` : undefined,
});

/**
 * Invite a member (no member given) or edit one. Persona is the signature their public replies
 * carry (e.g. "^JS"); capacity is how many open conversations assignment gives them at most.
 */
export const MemberFormModal = ({ member, opened, onClose, onExited }: { member?: Member; opened: boolean; onClose: () => void; onExited?: () => void }) => {
  const create = useCreateMember();
  const update = useUpdateMember();
  const isNew = !member;
  const form = useForm<MemberFields, Member>({
    initial: { email: member?.email ?? '', name: member?.name ?? '', role: member?.role ?? 'agent', persona: member?.persona ?? '', capacity: member?.capacity ?? 20, password: '' },
    validate: (v) => validate(v, isNew),
    submit: async (v) => {
      const common = { name: v.name.trim(), role: v.role, persona: v.persona.trim() || null, capacity: Number(v.capacity), ...(v.password ? { password: v.password } : {}) };
      return isNew ? create.mutateAsync({ email: v.email.trim(), ...common }) : update.mutateAsync({ id: member.id, patch: common });
    },
    onSuccess: (m) => {
      notifications.show({ message: isNew ? `${m.name} was added` : `${m.name} was updated`, color: 'teal' });
      onClose();
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={isNew ? 'Invite a member' : `Edit ${member.name}`} size="lg">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label={isNew ? 'Invite a member' : 'Edit member'}>
        <Stack gap="sm">
          <FormAlert message={form.formError} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Email" type="email" required disabled={!isNew} data-autofocus={isNew || undefined} {...form.text('email')} />
            <TextInput label="Name" required data-autofocus={!isNew || undefined} {...form.text('name')} />
          </SimpleGrid>
          <RoleSelect {...form.pick('role')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Persona" description="Signs their public replies, e.g. ^JS" {...form.text('persona')} />
            <NumberInput label="Capacity" description="Open conversations at most" min={0} max={1000} allowDecimal={false} {...form.pick('capacity')} />
          </SimpleGrid>
          <PasswordInput
            label={isNew ? 'Initial password' : 'New password'}
            description={isNew ? `Share it with them privately; at least ${MIN_PASSWORD_LENGTH} characters. Leave empty to set it later.` : 'Leave empty to keep the current one'}
            autoComplete="new-password"
            {...form.text('password')}
          />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {isNew ? 'Add member' : 'Save changes'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
