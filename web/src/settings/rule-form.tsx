import { useState } from 'react';
import { Button, Group, Modal, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormAlert } from '../components/form-alert.tsx';
import { rules, useForm } from '../forms/use-form.ts';
import { problemsUnder } from './problems.ts';
import { ActionsEditor, GroupEditor, type BuilderOptions } from './rule-builder.tsx';
import { checkDefinition, newAction, newCondition, type RuleDefinition } from './rule-model.ts';
import { RuleTester } from './rule-tester.tsx';
import { useCreateRule, useUpdateRule, type Rule } from './settings-api.ts';

interface Values extends Record<string, unknown> {
  name: string;
  isActive: boolean;
  definition: RuleDefinition;
}

const FIX = 'Fix what is marked in the conditions or actions';

/** Build a data rule (when … then …), test it on a past mention, save it. */
export const RuleFormModal = ({ rule, opts, position, readOnly, opened, onClose, onExited }: {
  rule?: Rule;
  opts: BuilderOptions;
  /** Where a new rule goes: after the last one. */
  position: number;
  readOnly: boolean;
  opened: boolean;
  onClose: () => void;
  onExited?: () => void;
}) => {
  const create = useCreateRule();
  const update = useUpdateRule();
  const isNew = !rule;
  const [problems, setProblems] = useState<Record<string, string>>({});
  const initialDef = (rule?.definition as RuleDefinition | undefined) ?? { when: { all: [newCondition(opts.fields)] }, then: [newAction('add_tag')] };
  const form = useForm<Values, Rule>({
    initial: { name: rule?.name ?? '', isActive: rule?.isActive ?? true, definition: initialDef },
    validate: (v) => {
      const found = checkDefinition(v.definition);
      setProblems(found);
      return { name: rules.required(v.name, 'Name') ?? rules.maxLength(v.name, 200, 'The name'), definition: Object.keys(found).length ? FIX : undefined };
    },
    submit: (v) => {
      const body = { name: v.name.trim(), isActive: v.isActive, definition: v.definition };
      return isNew ? create.mutateAsync({ ...body, layer: 'data', position }) : update.mutateAsync({ id: rule.id, patch: body });
    },
    mapError: (err) => {
      const found = problemsUnder(err, '/body/definition');
      setProblems(found);
      return Object.keys(found).length ? { definition: FIX } : null;
    },
    onSuccess: (r) => {
      notifications.show({ message: isNew ? `Rule ${r.name} was added` : `Rule ${r.name} was saved`, color: 'teal' });
      onClose();
    },
  });
  const ctx = { opts, problems, readOnly };
  const setDefinition = (d: RuleDefinition) => {
    form.setField('definition', d);
    setProblems({});
  };

  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={readOnly ? rule?.name : isNew ? 'New rule' : `Edit ${rule.name}`} size={960}>
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label={isNew ? 'New rule' : 'Edit rule'}>
        <Stack gap="sm">
          <FormAlert message={form.formError} />
          <Group align="flex-end" gap="md">
            <TextInput label="Name" required data-autofocus disabled={readOnly} style={{ flex: 1 }} {...form.text('name')} />
            <Switch label="Enabled" checked={form.values.isActive} disabled={readOnly} onChange={(e) => form.setField('isActive', e.currentTarget.checked)} mb={8} />
          </Group>
          <Title order={2} fz="md">
            When
          </Title>
          <GroupEditor group={form.values.definition.when} ctx={ctx} path="when" onChange={(when) => setDefinition({ ...form.values.definition, when })} />
          <Title order={2} fz="md">
            Then
          </Title>
          <ActionsEditor actions={form.values.definition.then} ctx={ctx} onChange={(then) => setDefinition({ ...form.values.definition, then })} />
          {form.errors.definition && (
            <Text fz="sm" c="red.8" role="alert">
              {form.errors.definition}
            </Text>
          )}
          {!readOnly && (
            <RuleTester
              rule={() => {
                const found = checkDefinition(form.values.definition);
                setProblems(found);
                return Object.keys(found).length ? null : { name: form.values.name.trim() || 'Untitled rule', definition: form.values.definition };
              }}
              problems={(err) => setProblems(problemsUnder(err, '/body/definition'))}
            />
          )}
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              {readOnly ? 'Close' : 'Cancel'}
            </Button>
            {!readOnly && (
              <Button type="submit" loading={form.submitting}>
                {isNew ? 'Add rule' : 'Save changes'}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
