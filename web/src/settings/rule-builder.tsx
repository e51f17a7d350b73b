import { ActionIcon, Box, Button, Group as Row, MultiSelect, NumberInput, Paper, SegmentedControl, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { problemAt } from './problems.ts';
import {
  ACTION_LABELS, OP_LABELS, WEEKDAYS, defaultValue, isGroup, modeOf, newAction, newCondition, nodesOf, withMode, withNodes,
  type Action, type Condition, type Group, type GroupMode, type Node,
} from './rule-model.ts';
import type { RuleField } from './settings-api.ts';

type Option = { value: string; label: string };

/** What pickers offer: the builder's fields and the workspace's teams, members, channels, queries, canned replies. */
export interface BuilderOptions {
  fields: RuleField[];
  teams: Option[];
  members: Option[];
  channels: Option[];
  channelKinds: Option[];
  queries: Option[];
  canned: Option[];
  tags: string[];
}

interface Ctx {
  opts: BuilderOptions;
  problems: Record<string, string>;
  readOnly?: boolean;
}

const Remove = ({ label, onClick }: { label: string; onClick: () => void }) => (
  <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={onClick} mt={4}>
    <span aria-hidden>×</span>
  </ActionIcon>
);

/** The value input that fits the field's kind and the operator. */
const ValueInput = ({ c, field, ctx, path, onChange }: { c: Condition; field?: RuleField; ctx: Ctx; path: string; onChange: (v: unknown) => void }) => {
  const error = problemAt(ctx.problems, `${path}/value`);
  const label = 'Value';
  const common = { 'aria-label': label, error, disabled: ctx.readOnly, style: { flex: 1, minWidth: 180 } };
  const closed: Option[] | undefined =
    field?.name === 'channel' ? ctx.opts.channels : field?.name === 'channelKind' ? ctx.opts.channelKinds : field?.values?.map((v) => ({ value: v, label: v }));
  const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
  switch (field?.kind) {
    case 'number':
      if (c.op === 'between') {
        const [lo, hi] = Array.isArray(c.value) ? (c.value as number[]) : [0, 0];
        return (
          <Row gap={6} style={{ flex: 1 }} wrap="nowrap">
            <NumberInput aria-label="From" value={lo} onChange={(v) => onChange([Number(v), hi])} error={error} disabled={ctx.readOnly} w={110} />
            <Text fz="sm">and</Text>
            <NumberInput aria-label="To" value={hi} onChange={(v) => onChange([lo, Number(v)])} disabled={ctx.readOnly} w={110} />
          </Row>
        );
      }
      return <NumberInput {...common} value={typeof c.value === 'number' ? c.value : ''} min={field.range?.[0]} max={field.range?.[1]} decimalScale={3} onChange={(v) => onChange(v === '' ? undefined : Number(v))} />;
    case 'boolean':
      return <Select {...common} data={[{ value: 'true', label: 'yes' }, { value: 'false', label: 'no' }]} value={String(c.value !== false)} onChange={(v) => onChange(v === 'true')} allowDeselect={false} />;
    case 'list':
      return field.name === 'listeningQuery' ? (
        <MultiSelect {...common} data={ctx.opts.queries} value={list(c.value)} onChange={onChange} placeholder="Pick queries" />
      ) : (
        <TagsInput {...common} data={ctx.opts.tags} value={list(c.value)} onChange={onChange} placeholder="Type a tag, Enter" />
      );
    case 'weekday':
      return <MultiSelect {...common} data={WEEKDAYS.map((d) => ({ value: d, label: d }))} value={list(c.value)} onChange={onChange} />;
    case 'time': {
      const t = (c.value ?? {}) as { from?: string; to?: string };
      return (
        <Row gap={6} style={{ flex: 1 }} wrap="nowrap">
          <TextInput aria-label="From time" placeholder="09:00" value={t.from ?? ''} onChange={(e) => onChange({ ...t, from: e.currentTarget.value })} error={error} disabled={ctx.readOnly} w={100} />
          <Text fz="sm">to</Text>
          <TextInput aria-label="To time" placeholder="17:00" value={t.to ?? ''} onChange={(e) => onChange({ ...t, to: e.currentTarget.value })} disabled={ctx.readOnly} w={100} />
        </Row>
      );
    }
    case 'string':
      if (c.op === 'in' || c.op === 'not_in') {
        return closed ? <MultiSelect {...common} data={closed} value={list(c.value)} onChange={onChange} /> : <TagsInput {...common} value={list(c.value)} onChange={onChange} placeholder="Type a value, Enter" />;
      }
      return closed ? (
        <Select {...common} data={closed} value={typeof c.value === 'string' && c.value ? c.value : null} onChange={(v) => onChange(v ?? '')} />
      ) : (
        <TextInput {...common} value={String(c.value ?? '')} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    default:
      return (
        <TextInput
          {...common}
          value={String(c.value ?? '')}
          onChange={(e) => onChange(e.currentTarget.value)}
          placeholder={c.op === 'matches_query' ? 'refund OR "money back"' : c.op === 'matches_regex' ? 'order #?\\d{6}' : 'words'}
          styles={c.op === 'contains' || c.op === 'not_contains' ? undefined : { input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
      );
  }
};

const ConditionRow = ({ c, ctx, path, onChange, onRemove }: { c: Condition; ctx: Ctx; path: string; onChange: (c: Condition) => void; onRemove: () => void }) => {
  const field = ctx.opts.fields.find((f) => f.name === c.field);
  return (
    <Row gap={6} align="flex-start" wrap="nowrap" data-condition="">
      <Select
        aria-label="Field"
        data={ctx.opts.fields.map((f) => ({ value: f.name, label: f.label }))}
        value={c.field}
        searchable
        allowDeselect={false}
        disabled={ctx.readOnly}
        error={problemAt(ctx.problems, `${path}/field`)}
        w={170}
        onChange={(name) => {
          const f = ctx.opts.fields.find((x) => x.name === name);
          const op = f?.ops[0] ?? 'eq';
          onChange({ field: name ?? c.field, op, value: defaultValue(f, op) });
        }}
      />
      <Select
        aria-label="Operator"
        data={(field?.ops ?? [c.op]).map((o) => ({ value: o, label: OP_LABELS[o] ?? o }))}
        value={c.op}
        allowDeselect={false}
        disabled={ctx.readOnly}
        error={problemAt(ctx.problems, `${path}/op`)}
        w={150}
        onChange={(op) => op && onChange({ ...c, op, value: defaultValue(field, op) })}
      />
      <Box style={{ flex: 1 }}>
        <ValueInput c={c} field={field} ctx={ctx} path={path} onChange={(value) => onChange({ ...c, value })} />
      </Box>
      {!ctx.readOnly && <Remove label="Remove condition" onClick={onRemove} />}
    </Row>
  );
};

const MODE_LABELS: Record<GroupMode, string> = { all: 'All of', any: 'Any of', none: 'None of' };

/** A group of conditions (all / any / none), which may hold groups itself. */
export const GroupEditor = ({ group, ctx, path, onChange, onRemove, depth = 0 }: { group: Group; ctx: Ctx; path: string; onChange: (g: Group) => void; onRemove?: () => void; depth?: number }) => {
  const mode = modeOf(group);
  const nodes = nodesOf(group);
  const at = `${path}/${mode}`;
  const set = (i: number, n: Node) => onChange(withNodes(group, nodes.map((x, j) => (j === i ? n : x))));
  const drop = (i: number) => onChange(withNodes(group, nodes.filter((_, j) => j !== i)));
  const own = ctx.problems[at];
  return (
    <Paper withBorder p="sm" bg={depth % 2 ? 'gray.0' : undefined} role="group" aria-label={depth ? 'Condition group' : 'Conditions'}>
      <Stack gap="xs">
        <Row justify="space-between">
          <Row gap="xs">
            <SegmentedControl
              size="xs"
              aria-label="Match"
              value={mode}
              disabled={ctx.readOnly}
              data={(['all', 'any', 'none'] as const).map((m) => ({ value: m, label: MODE_LABELS[m] }))}
              onChange={(m) => onChange(withMode(group, m as GroupMode))}
            />
            <Text fz="sm" c="dimmed">
              these conditions
            </Text>
          </Row>
          {onRemove && !ctx.readOnly && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={onRemove}>
              Remove group
            </Button>
          )}
        </Row>
        {nodes.map((n, i) =>
          isGroup(n) ? (
            <GroupEditor key={i} group={n} ctx={ctx} path={`${at}/${i}`} depth={depth + 1} onChange={(g) => set(i, g)} onRemove={() => drop(i)} />
          ) : (
            <ConditionRow key={i} c={n} ctx={ctx} path={`${at}/${i}`} onChange={(c) => set(i, c)} onRemove={() => drop(i)} />
          ),
        )}
        {own && (
          <Text fz="xs" c="red.8" role="alert">
            {own}
          </Text>
        )}
        {!ctx.readOnly && (
          <Row gap="xs">
            <Button size="compact-sm" variant="light" onClick={() => onChange(withNodes(group, [...nodes, newCondition(ctx.opts.fields)]))}>
              Add condition
            </Button>
            {depth < 3 && (
              <Button size="compact-sm" variant="subtle" onClick={() => onChange(withNodes(group, [...nodes, { any: [newCondition(ctx.opts.fields)] }]))}>
                Add group
              </Button>
            )}
          </Row>
        )}
      </Stack>
    </Paper>
  );
};

const ActionParams = ({ a, ctx, path, onChange }: { a: Action; ctx: Ctx; path: string; onChange: (a: Action) => void }) => {
  const err = (key: string) => problemAt(ctx.problems, `${path}/${key}`);
  const pick = (key: string, data: Option[], label: string) => (
    <Select aria-label={label} placeholder={label} data={data} value={(a[key] as string) || null} onChange={(v) => onChange({ ...a, [key]: v ?? '' })} error={err(key)} disabled={ctx.readOnly} searchable style={{ flex: 1 }} />
  );
  switch (a.type) {
    case 'assign_team':
      return pick('teamId', ctx.opts.teams, 'Team');
    case 'assign_agent':
      return pick('agentId', ctx.opts.members, 'Agent');
    case 'auto_acknowledge':
      return pick('cannedReplyId', ctx.opts.canned, 'Canned reply');
    case 'set_priority':
      return <NumberInput aria-label="Priority" min={0} max={100} allowDecimal={false} value={a.value as number} onChange={(v) => onChange({ ...a, value: Number(v) })} error={err('value')} disabled={ctx.readOnly} w={120} />;
    case 'change_priority':
      return <NumberInput aria-label="Change by" min={-100} max={100} allowDecimal={false} value={a.by as number} onChange={(v) => onChange({ ...a, by: Number(v) })} error={err('by')} disabled={ctx.readOnly} w={120} />;
    case 'add_tag':
      return <TextInput aria-label="Tag" placeholder="Tag" value={String(a.tag ?? '')} onChange={(e) => onChange({ ...a, tag: e.currentTarget.value })} error={err('tag')} disabled={ctx.readOnly} style={{ flex: 1 }} />;
    case 'notify':
      return (
        <MultiSelect aria-label="Members to notify" data={ctx.opts.members} value={(a.memberIds as string[]) ?? []} onChange={(v) => onChange({ ...a, memberIds: v })} error={err('memberIds')} disabled={ctx.readOnly} style={{ flex: 1 }} />
      );
    default:
      return <Box style={{ flex: 1 }} />;
  }
};

/** "Then": the actions in order. */
export const ActionsEditor = ({ actions, ctx, onChange }: { actions: Action[]; ctx: Ctx; onChange: (a: Action[]) => void }) => (
  <Paper withBorder p="sm" role="group" aria-label="Actions">
    <Stack gap="xs">
      {actions.map((a, i) => (
        <Row key={i} gap={6} align="flex-start" wrap="nowrap" data-action="">
          <Select
            aria-label="Action"
            data={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))}
            value={a.type}
            allowDeselect={false}
            disabled={ctx.readOnly}
            w={260}
            onChange={(t) => t && onChange(actions.map((x, j) => (j === i ? newAction(t) : x)))}
          />
          <ActionParams a={a} ctx={ctx} path={`then/${i}`} onChange={(n) => onChange(actions.map((x, j) => (j === i ? n : x)))} />
          {!ctx.readOnly && <Remove label="Remove action" onClick={() => onChange(actions.filter((_, j) => j !== i))} />}
        </Row>
      ))}
      {ctx.problems.then && (
        <Text fz="xs" c="red.8" role="alert">
          {ctx.problems.then}
        </Text>
      )}
      {!ctx.readOnly && (
        <Button size="compact-sm" variant="light" w="fit-content" onClick={() => onChange([...actions, newAction('add_tag')])}>
          Add action
        </Button>
      )}
    </Stack>
  </Paper>
);
