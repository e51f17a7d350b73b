import { useMemo, useState } from 'react';
import { ActionIcon, Button, Group, Modal, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormAlert } from '../components/form-alert.tsx';
import { rules, useForm } from '../forms/use-form.ts';
import { problemAt, problemsUnder } from './problems.ts';
import { useSaveNamed, type Named } from './settings-api.ts';

const DAYS = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']] as const;
type Interval = { start: string; end: string };
type Weekly = Partial<Record<string, Interval[]>>;

interface Values extends Record<string, unknown> {
  name: string;
  timeZone: string;
  weekly: Weekly;
  holidays: string[];
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const END = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const OFFICE: Weekly = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]));

const zones = (): string[] => {
  const z = Intl.supportedValuesOf('timeZone');
  return z.includes('UTC') ? z : ['UTC', ...z];
};

/** Problems with each interval and holiday, keyed like the server's paths below the definition. */
const checkCalendar = (v: Values): Record<string, string> => {
  const out: Record<string, string> = {};
  let open = 0;
  for (const [day] of DAYS) {
    (v.weekly[day] ?? []).forEach((iv, i) => {
      if (!HHMM.test(iv.start)) out[`weekly/${day}/${i}/start`] = 'HH:MM, e.g. 09:00';
      else if (!END.test(iv.end)) out[`weekly/${day}/${i}/end`] = 'HH:MM, e.g. 17:00 (24:00 for midnight)';
      else if (iv.start !== iv.end) open++;
    });
  }
  if (!open && !Object.keys(out).length) out.weekly = 'The calendar is never open: add opening hours to at least one day';
  v.holidays.forEach((h, i) => {
    if (!DATE.test(h)) out[`holidays/${i}`] = `“${h}” is not a date YYYY-MM-DD`;
  });
  return out;
};

/** A business-hours calendar: time zone, opening hours per weekday (several intervals, overnight allowed), holidays. */
export const CalendarFormModal = ({ calendar, defaultZone, opened, onClose, onExited }: { calendar?: Named; defaultZone: string; opened: boolean; onClose: () => void; onExited?: () => void }) => {
  const save = useSaveNamed('business-calendars');
  const isNew = !calendar;
  const zoneList = useMemo(zones, []);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const def = (calendar?.definition ?? {}) as { timeZone?: string; weekly?: Weekly; holidays?: string[] };
  const form = useForm<Values, Named>({
    initial: { name: calendar?.name ?? '', timeZone: def.timeZone ?? defaultZone, weekly: def.weekly ?? OFFICE, holidays: def.holidays ?? [] },
    validate: (v) => {
      const found = checkCalendar(v);
      setProblems(found);
      return {
        name: rules.required(v.name, 'Name'),
        timeZone: zoneList.includes(v.timeZone) ? undefined : 'Pick a time zone from the list',
        weekly: Object.keys(found).some((k) => k.startsWith('weekly')) ? 'Fix the opening hours marked below' : undefined,
        holidays: Object.keys(found).find((k) => k.startsWith('holidays')) ? Object.entries(found).find(([k]) => k.startsWith('holidays'))?.[1] : undefined,
      };
    },
    submit: (v) => {
      const weekly = Object.fromEntries(Object.entries(v.weekly).filter(([, ivs]) => ivs && ivs.length));
      return save.mutateAsync({ id: calendar?.id, body: { name: v.name.trim(), definition: { timeZone: v.timeZone, weekly, holidays: [...new Set(v.holidays)].sort() } } });
    },
    mapError: (err) => {
      const found = problemsUnder(err, '/body/definition');
      setProblems(found);
      return { ...(found.timeZone ? { timeZone: found.timeZone } : {}), ...(Object.keys(found).some((k) => k.startsWith('weekly')) ? { weekly: found.weekly ?? 'Fix the opening hours marked below' } : {}), ...(problemAt(found, 'holidays') ? { holidays: problemAt(found, 'holidays') } : {}) };
    },
    onSuccess: (c) => {
      notifications.show({ message: isNew ? `Calendar ${c.name} was created` : `Calendar ${c.name} was saved`, color: 'teal' });
      onClose();
    },
  });
  const setDay = (day: string, ivs: Interval[]) => {
    form.setField('weekly', { ...form.values.weekly, [day]: ivs });
    setProblems({});
  };

  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onExited} title={isNew ? 'New business-hours calendar' : `Edit ${calendar.name}`} size="lg">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label={isNew ? 'New calendar' : 'Edit calendar'}>
        <Stack gap="sm">
          <FormAlert message={form.formError} />
          <TextInput label="Name" required data-autofocus placeholder="Support desk, Paris" {...form.text('name')} />
          <Select label="Time zone" required searchable data={zoneList} nothingFoundMessage="No such time zone" {...form.pick('timeZone')} onChange={(v) => v && form.setField('timeZone', v)} />
          <Stack gap={6} role="group" aria-label="Opening hours">
            <Text fz="sm" fw={500}>
              Opening hours
            </Text>
            {DAYS.map(([day, label]) => {
              const ivs = form.values.weekly[day] ?? [];
              return (
                <Group key={day} gap="xs" align="flex-start" wrap="nowrap" data-day={day}>
                  <Text fz="sm" w={90} mt={6}>
                    {label}
                  </Text>
                  <Stack gap={4} style={{ flex: 1 }}>
                    {ivs.length === 0 && (
                      <Text fz="sm" c="dimmed" mt={6}>
                        Closed
                      </Text>
                    )}
                    {ivs.map((iv, i) => (
                      <Group key={i} gap={6} wrap="nowrap" align="flex-start">
                        <TextInput aria-label={`${label} opens`} w={90} value={iv.start} error={problems[`weekly/${day}/${i}/start`]} onChange={(e) => setDay(day, ivs.map((x, j) => (j === i ? { ...x, start: e.currentTarget.value } : x)))} />
                        <Text fz="sm" mt={6}>
                          to
                        </Text>
                        <TextInput aria-label={`${label} closes`} w={90} value={iv.end} error={problems[`weekly/${day}/${i}/end`]} onChange={(e) => setDay(day, ivs.map((x, j) => (j === i ? { ...x, end: e.currentTarget.value } : x)))} />
                        <ActionIcon variant="subtle" color="gray" mt={4} aria-label={`Remove ${label} hours ${i + 1}`} onClick={() => setDay(day, ivs.filter((_, j) => j !== i))}>
                          <span aria-hidden>×</span>
                        </ActionIcon>
                      </Group>
                    ))}
                  </Stack>
                  <Button size="compact-sm" variant="subtle" onClick={() => setDay(day, [...ivs, { start: '09:00', end: '17:00' }])} aria-label={`Add ${label} hours`}>
                    Add hours
                  </Button>
                </Group>
              );
            })}
            <Text fz="xs" c="dimmed">
              HH:MM local time; an end before the start runs overnight (22:00 to 06:00); 24:00 is midnight.
            </Text>
            {form.errors.weekly && (
              <Text fz="sm" c="red.8" role="alert">
                {problems.weekly ?? form.errors.weekly}
              </Text>
            )}
          </Stack>
          <TagsInput
            label="Holidays"
            description="Closed dates, YYYY-MM-DD; press Enter after each"
            placeholder="2026-12-25"
            {...form.pick('holidays')}
            onChange={(v) => {
              form.setField('holidays', v);
              setProblems({});
            }}
          />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {isNew ? 'Create calendar' : 'Save changes'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
