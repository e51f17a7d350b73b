import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Modal, MultiSelect, Paper, SegmentedControl, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PlaybookCreate, PlaybookDefinition, PlaybookView } from '@contracts';
import { ApiError, messageOf } from '../api/client.ts';
import { useMembers } from '../api/resources.ts';
import { can, useSignedIn } from '../api/session.ts';
import { FormAlert } from '../components/form-alert.tsx';
import { PlusIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useCreatePlaybook, useDeletePlaybook, usePlaybooks, useUpdatePlaybook } from '../incidents/api.ts';

/**
 * Playbooks: contingency plans written ahead. Each is attached to incident types; when an incident
 * gets one of them, the steps become its checklist and the statements and replies are offered.
 */

type Draft = PlaybookCreate;
const EMPTY: Draft = { name: '', incidentTypes: [], definition: { steps: [{ title: '' }], statements: [], replies: [], stakeholders: { memberIds: [], emails: [] } }, isActive: true };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const notify = (message: string, ok = true) => notifications.show({ message, color: ok ? 'teal' : 'red', closeButtonProps: { 'aria-label': 'Dismiss' } });

/** Drops the empty rows a person left in the editor, so they do not fail validation. */
const cleaned = (d: Draft): Draft => ({
  ...d,
  name: d.name.trim(),
  incidentTypes: d.incidentTypes.map((t) => t.trim().toLowerCase()).filter(Boolean),
  definition: {
    steps: d.definition.steps.filter((s) => s.title.trim()).map((s) => ({ title: s.title.trim(), ...(s.ownerRole?.trim() ? { ownerRole: s.ownerRole.trim() } : {}) })),
    statements: d.definition.statements.filter((s) => s.name.trim() && s.text.trim()),
    replies: d.definition.replies.filter((r) => r.name.trim() && r.body.trim()),
    stakeholders: d.definition.stakeholders,
  },
});

const PlaybookForm = ({ initial, onClose }: { initial: PlaybookView | null; onClose: () => void }) => {
  const create = useCreatePlaybook();
  const update = useUpdatePlaybook();
  const members = useMembers();
  const [draft, setDraft] = useState<Draft>(
    initial ? { name: initial.name, incidentTypes: initial.incidentTypes, definition: initial.definition, isActive: initial.isActive } : EMPTY,
  );
  const [error, setError] = useState<unknown>(null);
  const def = draft.definition;
  const setDef = (patch: Partial<PlaybookDefinition>) => setDraft({ ...draft, definition: { ...def, ...patch } });
  const fields = error instanceof ApiError ? error.fields : {};

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      if (initial) await update.mutateAsync({ id: initial.id, patch: cleaned(draft) });
      else await create.mutateAsync(cleaned(draft));
      notify(initial ? 'Playbook saved' : 'Playbook created');
      onClose();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <Stack gap="sm">
        {error !== null && <FormAlert message={messageOf(error)} />}
        <TextInput label="Name" required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} error={fields.name} data-autofocus />
        <TextInput
          label="Incident types"
          description="Comma-separated (outage, safety, billing …)"
          value={draft.incidentTypes.join(', ')}
          onChange={(e) => setDraft({ ...draft, incidentTypes: e.currentTarget.value.split(',').map((t) => t.trimStart()) })}
          error={fields.incidentTypes}
        />
        <Switch label="Active" checked={draft.isActive ?? true} onChange={(e) => setDraft({ ...draft, isActive: e.currentTarget.checked })} />

        <Text fw={600} fz="sm">
          Steps
        </Text>
        {def.steps.map((s, k) => (
          <Group key={k} gap="xs" wrap="nowrap" align="flex-end">
            <TextInput style={{ flex: 1 }} label={`Step ${k + 1}`} value={s.title} onChange={(e) => setDef({ steps: def.steps.map((x, j) => (j === k ? { ...x, title: e.currentTarget.value } : x)) })} />
            <TextInput w={160} label="Owner role" value={s.ownerRole ?? ''} onChange={(e) => setDef({ steps: def.steps.map((x, j) => (j === k ? { ...x, ownerRole: e.currentTarget.value } : x)) })} />
            <ActionIcon variant="subtle" color="red" aria-label={`Remove step ${k + 1}`} onClick={() => setDef({ steps: def.steps.filter((_, j) => j !== k) })} mb={6}>
              ×
            </ActionIcon>
          </Group>
        ))}
        <Button variant="subtle" size="xs" leftSection={<PlusIcon size={14} />} onClick={() => setDef({ steps: [...def.steps, { title: '' }] })} w="fit-content">
          Add step
        </Button>

        <Text fw={600} fz="sm">
          Pre-approved statements
        </Text>
        {def.statements.map((s, k) => (
          <Paper key={k} withBorder p="xs" radius="sm">
            <Stack gap={6}>
              <Group gap="xs" align="flex-end">
                <TextInput style={{ flex: 1 }} label={`Statement ${k + 1} name`} value={s.name} onChange={(e) => setDef({ statements: def.statements.map((x, j) => (j === k ? { ...x, name: e.currentTarget.value } : x)) })} />
                <SegmentedControl
                  aria-label={`Statement ${k + 1} visibility`}
                  value={s.visibility}
                  onChange={(v) => setDef({ statements: def.statements.map((x, j) => (j === k ? { ...x, visibility: v as 'public' | 'internal' } : x)) })}
                  data={[
                    { value: 'public', label: 'Public' },
                    { value: 'internal', label: 'Internal' },
                  ]}
                />
                <ActionIcon variant="subtle" color="red" aria-label={`Remove statement ${k + 1}`} onClick={() => setDef({ statements: def.statements.filter((_, j) => j !== k) })} mb={6}>
                  ×
                </ActionIcon>
              </Group>
              <Textarea label="Text" autosize minRows={2} value={s.text} onChange={(e) => setDef({ statements: def.statements.map((x, j) => (j === k ? { ...x, text: e.currentTarget.value } : x)) })} />
            </Stack>
          </Paper>
        ))}
        <Button variant="subtle" size="xs" leftSection={<PlusIcon size={14} />} onClick={() => setDef({ statements: [...def.statements, { name: '', text: '', visibility: 'public' }] })} w="fit-content">
          Add statement
        </Button>

        <Text fw={600} fz="sm">
          Pre-approved replies
        </Text>
        {def.replies.map((r, k) => (
          <Group key={k} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput w={160} label={`Reply ${k + 1} name`} value={r.name} onChange={(e) => setDef({ replies: def.replies.map((x, j) => (j === k ? { ...x, name: e.currentTarget.value } : x)) })} />
            <Textarea style={{ flex: 1 }} label="Body" autosize minRows={1} value={r.body} onChange={(e) => setDef({ replies: def.replies.map((x, j) => (j === k ? { ...x, body: e.currentTarget.value } : x)) })} />
            <ActionIcon variant="subtle" color="red" aria-label={`Remove reply ${k + 1}`} onClick={() => setDef({ replies: def.replies.filter((_, j) => j !== k) })} mb={6}>
              ×
            </ActionIcon>
          </Group>
        ))}
        <Button variant="subtle" size="xs" leftSection={<PlusIcon size={14} />} onClick={() => setDef({ replies: [...def.replies, { name: '', body: '' }] })} w="fit-content">
          Add reply
        </Button>

        <MultiSelect
          label="Stakeholders to alert"
          data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          value={def.stakeholders.memberIds}
          onChange={(memberIds) => setDef({ stakeholders: { ...def.stakeholders, memberIds } })}
          searchable
        />
        <TextInput
          label="Stakeholder emails"
          description="Comma-separated, for people outside Lookout"
          value={def.stakeholders.emails.join(', ')}
          onChange={(e) => setDef({ stakeholders: { ...def.stakeholders, emails: e.currentTarget.value.split(',').map((x) => x.trim()).filter(Boolean) } })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending} disabled={!draft.name.trim()}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

export const PlaybooksPage = () => {
  const session = useSignedIn();
  const canManage = can(session, 'incidents:manage');
  const playbooks = usePlaybooks();
  const remove = useDeletePlaybook();
  const [editing, setEditing] = useState<PlaybookView | 'new' | null>(null);

  return (
    <>
      <PageHeader
        title="Playbooks"
        description="Contingency plans written ahead: steps with owners, pre-approved statements and replies, the stakeholders to alert."
        actions={
          canManage && (
            <Button leftSection={<PlusIcon size={16} />} onClick={() => setEditing('new')}>
              New playbook
            </Button>
          )
        }
      />
      {playbooks.isError ? (
        <LoadError error={playbooks.error} onRetry={() => void playbooks.refetch()} />
      ) : !playbooks.data ? (
        <TableSkeleton columns={3} />
      ) : playbooks.data.length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">
          No playbooks yet. Write one for each kind of incident you expect: an outage, a safety issue, an angry influencer.
        </Text>
      ) : (
        <Stack gap="sm">
          {playbooks.data.map((p) => (
            <Paper key={p.id} withBorder p="md" radius="sm">
              <Group justify="space-between" align="flex-start">
                <div>
                  <Group gap={6}>
                    <Text fw={600}>{p.name}</Text>
                    {!p.isActive && (
                      <Badge variant="light" color="gray" c="dark.7" radius="sm">
                        inactive
                      </Badge>
                    )}
                    {p.incidentTypes.map((t) => (
                      <Badge key={t} variant="light" color="blue" c="dark.7" radius="sm" tt="none">
                        {t}
                      </Badge>
                    ))}
                  </Group>
                  <Text fz="sm" c="dimmed">
                    {[
                      plural(p.definition.steps.length, 'step'),
                      plural(p.definition.statements.length, 'statement'),
                      plural(p.definition.replies.length, 'reply', 'replies'),
                      plural(p.definition.stakeholders.memberIds.length + p.definition.stakeholders.emails.length, 'stakeholder'),
                    ].join(' · ')}
                  </Text>
                </div>
                {canManage && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setEditing(p)}>
                      Edit
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => {
                        if (window.confirm(`Delete the playbook ${p.name}? Incidents keep their checklists.`)) {
                          remove.mutateAsync(p.id).then(() => notify('Playbook deleted')).catch((err: unknown) => notify(messageOf(err), false));
                        }
                      }}
                    >
                      Delete
                    </Button>
                  </Group>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'New playbook' : 'Edit playbook'} size="lg">
        {editing !== null && <PlaybookForm key={editing === 'new' ? 'new' : editing.id} initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      </Modal>
    </>
  );
};
