import { useMemo } from 'react';
import { Button, Group, Paper, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { can, useSignedIn } from '../api/session.ts';
import { useUpdateWorkspace, useWorkspace } from '../api/resources.ts';
import type { Workspace } from '../api/types.ts';
import { FormAlert } from '../components/form-alert.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { rules, useForm } from '../forms/use-form.ts';

const timeZones = (): string[] => {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
};

const WorkspaceForm = ({ workspace, readOnly }: { workspace: Workspace; readOnly: boolean }) => {
  const update = useUpdateWorkspace();
  const zones = useMemo(timeZones, []);
  const form = useForm({
    initial: { name: workspace.name, timeZone: workspace.timeZone },
    validate: (v) => ({
      name: rules.required(v.name, 'Name') ?? rules.maxLength(v.name, 200, 'The name'),
      timeZone: zones.includes(v.timeZone) ? undefined : 'Pick a time zone from the list',
    }),
    submit: (v) => update.mutateAsync({ name: v.name.trim(), timeZone: v.timeZone }),
    onSuccess: () => notifications.show({ message: 'Workspace saved', color: 'teal' }),
  });
  return (
    <Paper withBorder p="lg" maw={560}>
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label="Workspace">
        <Stack gap="sm">
          <FormAlert message={form.formError} />
          <TextInput label="Name" required disabled={readOnly} {...form.text('name')} />
          <TextInput label="Address" description="Used to pick this workspace when signing in; it cannot be changed" value={workspace.slug} readOnly disabled />
          <Select
            label="Time zone"
            description="Business hours, SLA clocks and reports use it"
            data={zones}
            searchable
            disabled={readOnly}
            nothingFoundMessage="No such time zone"
            {...form.pick('timeZone')}
            onChange={(v) => v && form.setField('timeZone', v)}
          />
          {!readOnly && (
            <Group justify="flex-end" mt="xs">
              <Button type="submit" loading={form.submitting}>
                Save
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
};

export const WorkspacePage = () => {
  const session = useSignedIn();
  const workspace = useWorkspace();
  const readOnly = !can(session, 'workspace:manage');
  return (
    <>
      <PageHeader title="Workspace" description={readOnly ? 'Only admins can change these.' : 'Your company’s Lookout: its name and clock.'} />
      {workspace.isError ? (
        <LoadError error={workspace.error} onRetry={() => void workspace.refetch()} />
      ) : !workspace.data ? (
        <TableSkeleton rows={3} />
      ) : (
        <WorkspaceForm key={workspace.data.id} workspace={workspace.data} readOnly={readOnly} />
      )}
    </>
  );
};
