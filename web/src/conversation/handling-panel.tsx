import { Button, Group, Paper, Select, Stack, TagsInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ConversationDetailView, ConversationPatch } from '@contracts';
import { messageOf } from '../api/client.ts';
import { useTeams } from '../api/resources.ts';
import { formatDateTime } from '../components/format.ts';
// Not exported by the inbox's index (its owner's file): the same menu, imported where it lives.
import { SnoozeMenu } from '../inbox/snooze-menu.tsx';
import { useSetTags, useWorkspaceTags } from './api.ts';

const MAX_TAG_LENGTH = 50;

/**
 * Who handles the conversation besides its assignee, and how it is filed: the team, the tags, and
 * a snooze (it leaves the queues until then and comes back by itself). Read-only roles see the
 * same facts without the controls.
 */
export const HandlingPanel = ({ c, canWrite, onChange, pending }: { c: ConversationDetailView; canWrite: boolean; onChange: (patch: ConversationPatch, done: string) => Promise<void>; pending: boolean }) => {
  const teams = useTeams();
  const workspaceTags = useWorkspaceTags();
  const setTags = useSetTags(c.id);
  // While a change is on its way, show what the agent asked for rather than flicking back.
  const tagNames = setTags.isPending && setTags.variables ? setTags.variables : c.tags.map((t) => t.name);
  const snoozed = c.snoozedUntil && new Date(c.snoozedUntil).getTime() > Date.now() ? c.snoozedUntil : null;

  const saveTags = async (names: string[]) => {
    const clean = [...new Map(names.map((n) => n.trim()).filter(Boolean).map((n) => [n.toLowerCase(), n.slice(0, MAX_TAG_LENGTH)])).values()];
    const added = clean.filter((n) => !tagNames.some((t) => t.toLowerCase() === n.toLowerCase()));
    const removed = tagNames.filter((t) => !clean.some((n) => n.toLowerCase() === t.toLowerCase()));
    if (!added.length && !removed.length) return;
    try {
      await setTags.mutateAsync(clean);
      notifications.show({ message: added.length ? `Tagged ${added.join(', ')}` : `Removed tag ${removed.join(', ')}`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
    } catch (e) {
      notifications.show({ message: messageOf(e), color: 'red', closeButtonProps: { 'aria-label': 'Dismiss' } });
    }
  };

  const teamOptions = (teams.data ?? []).map((t) => ({ value: t.id, label: t.name }));
  // A team the list does not hold (yet) still shows by name.
  if (c.team && !teamOptions.some((t) => t.value === c.team!.id)) teamOptions.push({ value: c.team.id, label: c.team.name });

  return (
    <Paper withBorder radius="sm" p="sm" component="section" aria-labelledby="handling-title" data-testid="handling-panel">
      <Title order={2} fz="sm" mb={6} id="handling-title">
        Handling
      </Title>
      <Stack gap="xs">
        {canWrite ? (
          <Select
            size="xs"
            label="Team"
            placeholder="No team"
            data={teamOptions}
            value={c.team?.id ?? null}
            clearable
            searchable
            disabled={pending}
            nothingFoundMessage="No team by that name"
            onChange={(v) => void onChange({ teamId: v }, v ? `Routed to ${teamOptions.find((t) => t.value === v)?.label}` : 'Removed from the team')}
          />
        ) : (
          <Text fz="xs">Team: {c.team?.name ?? 'none'}</Text>
        )}
        {canWrite ? (
          <TagsInput
            size="xs"
            label="Tags"
            placeholder={tagNames.length ? 'Add a tag' : 'Add a tag, Enter to save'}
            data={(workspaceTags.data ?? []).map((t) => t.name)}
            value={tagNames}
            onChange={(v) => void saveTags(v)}
            maxTags={50}
            clearable={false}
            splitChars={[',']}
            data-testid="conversation-tags"
          />
        ) : (
          <Text fz="xs" data-testid="conversation-tags">
            Tags: {c.tags.length ? c.tags.map((t) => t.name).join(', ') : 'none'}
          </Text>
        )}
        <div>
          <Text fz="xs" fw={500} mb={4}>
            Snooze
          </Text>
          {snoozed ? (
            <Group gap="xs" justify="space-between" wrap="nowrap" data-testid="snoozed">
              <Text fz="xs">Snoozed until {formatDateTime(snoozed)}</Text>
              {canWrite && (
                <Button size="compact-sm" variant="default" disabled={pending} onClick={() => void onChange({ snoozedUntil: null }, 'Back in the queues')}>
                  Unsnooze
                </Button>
              )}
            </Group>
          ) : canWrite ? (
            <SnoozeMenu disabled={pending} onSnooze={(until, label) => void onChange({ snoozedUntil: until.toISOString() }, `Snoozed for ${label.toLowerCase()}`)} />
          ) : (
            <Text fz="xs" c="dimmed">
              Not snoozed
            </Text>
          )}
        </div>
      </Stack>
    </Paper>
  );
};
