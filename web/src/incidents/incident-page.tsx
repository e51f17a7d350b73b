import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router-dom';
import type { IncidentPatch, IncidentStatus } from '@contracts';
import { messageOf } from '../api/client.ts';
import { useMembers } from '../api/resources.ts';
import { can, useSignedIn } from '../api/session.ts';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useIncident, usePlaybooks, useUpdateIncident } from './api.ts';
import { formatCount, formatTime, isOpenStatus } from './format.ts';
import { AffectedCustomers, Checklist, IncidentTimeline, LinkedMentions, NoteComposer, Section, Statements } from './incident-sections.tsx';
import { DrillBadge, SeverityBadge, StatusBadge } from './incidents-page.tsx';
import { useLiveIncidents } from './live.ts';
import { SeriesChart } from './series-chart.tsx';
import { IncidentAlerts } from '../alerts/index.ts';

/** The moves a person can make from each status, as buttons (the server checks them again). */
const ACTIONS: Record<IncidentStatus, { to: IncidentStatus; label: string; color?: string; variant?: string }[]> = {
  detected: [
    { to: 'acknowledged', label: 'Acknowledge' },
    { to: 'mitigating', label: 'Start mitigating', variant: 'default' },
    { to: 'resolved', label: 'Resolve', variant: 'default' },
    { to: 'dismissed', label: 'Dismiss', variant: 'default' },
  ],
  acknowledged: [
    { to: 'mitigating', label: 'Start mitigating' },
    { to: 'resolved', label: 'Resolve', variant: 'default' },
    { to: 'dismissed', label: 'Dismiss', variant: 'default' },
  ],
  mitigating: [
    { to: 'resolved', label: 'Resolve', color: 'teal.9' },
    { to: 'dismissed', label: 'Dismiss', variant: 'default' },
  ],
  resolved: [],
  dismissed: [],
};

const Stat = ({ label, value }: { label: string; value: string }) => (
  <div>
    <Text fz="xs" c="dimmed" tt="uppercase" fw={700}>
      {label}
    </Text>
    <Text fz="sm" fw={600}>
      {value}
    </Text>
  </div>
);

/** One incident: header with status and owner, the alert's series, topics, checklist, statements, mentions, customers, timeline, notes. */
export const IncidentPage = () => {
  useLiveIncidents();
  const { id = '' } = useParams();
  const session = useSignedIn();
  const canManage = can(session, 'incidents:manage');
  const [mentionOffset, setMentionOffset] = useState(0);
  const query = useIncident(id, mentionOffset);
  const update = useUpdateIncident(id);
  const members = useMembers();
  const playbooks = usePlaybooks();
  const d = query.data;

  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (!d) return <Skeleton h={400} radius="sm" />;
  const i = d.incident;
  const alert = d.alerts[0];
  const examples = new Map([...d.mentions.items, ...d.examples].map((m) => [m.id, m.text]));
  // The types playbooks cover, plus the incident's own: choosing one brings its playbook.
  const types = [...new Set([...(playbooks.data ?? []).filter((p) => p.isActive).flatMap((p) => p.incidentTypes), ...(i.type ? [i.type] : [])])].sort();

  const change = async (patch: IncidentPatch, done: string) => {
    try {
      await update.mutateAsync(patch);
      notifications.show({ message: done, color: 'teal', closeButtonProps: { 'aria-label': 'Dismiss' } });
    } catch (e) {
      notifications.show({ message: messageOf(e), color: 'red', closeButtonProps: { 'aria-label': 'Dismiss' } });
    }
  };

  return (
    <>
      <Anchor component={Link} to="/incidents" fz="xs" c="dimmed">
        ← Incidents
      </Anchor>
      <PageHeader
        title={i.title}
        description={
          <Group gap={6} component="span">
            <SeverityBadge severity={i.severity} />
            <StatusBadge status={i.status} />
            {i.isDrill && <DrillBadge />}
            {i.type && <span>{i.type}</span>}
            <span>· {i.source === 'manual' ? 'declared' : 'detected'} {formatTime(i.detectedAt)}</span>
          </Group>
        }
        actions={
          <>
            {canManage &&
              ACTIONS[i.status].map((a) => (
                <Button key={a.to} size="xs" color={a.color} variant={a.variant ?? 'filled'} loading={update.isPending} onClick={() => void change({ status: a.to }, `Incident ${a.to}`)}>
                  {a.label}
                </Button>
              ))}
            <Button size="xs" variant="default" component={Link} to={`/incidents/${i.id}/outreach`}>
              Reach out
            </Button>
          </>
        }
      />
      {i.crisisDiverted && (
        <Alert color="teal" variant="light" mb="md" title="Crisis diverted" role="status">
          Resolved before it reached {formatCount(d.viralityThreshold.mentions)} mentions or {formatCount(d.viralityThreshold.reach)} reach.
        </Alert>
      )}
      {i.viralAt && (
        <Alert color="red" variant="light" mb="md" title="Gone viral" role="status">
          Crossed the virality threshold {formatTime(i.viralAt)}.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} mb="md">
        <Stat label="Mentions" value={formatCount(i.mentionCount)} />
        <Stat label="Reach" value={formatCount(i.reach)} />
        <Stat label="Acknowledged" value={formatTime(i.acknowledgedAt)} />
        <Stat label="First public response" value={formatTime(i.firstPublicResponseAt)} />
        <Stat label="Resolved" value={formatTime(i.resolvedAt ?? i.dismissedAt)} />
        <div>
          {canManage && isOpenStatus(i.status) ? (
            <Select
              label="Type"
              size="xs"
              placeholder="No type"
              clearable
              data={types}
              value={i.type}
              onChange={(v) => void change({ type: v }, v ? `Type set to ${v}` : 'Type removed')}
            />
          ) : (
            <Stat label="Type" value={i.type ?? '—'} />
          )}
        </div>
        <div>
          {canManage && isOpenStatus(i.status) ? (
            <Select
              label="Owner"
              size="xs"
              placeholder="Nobody"
              clearable
              data={(members.data ?? []).filter((m) => m.isActive).map((m) => ({ value: m.id, label: m.name }))}
              value={i.owner?.id ?? null}
              onChange={(v) => void change({ ownerId: v }, v ? 'Owner changed' : 'Owner removed')}
            />
          ) : (
            <Stat label="Owner" value={i.owner?.name ?? 'Nobody'} />
          )}
        </div>
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            {alert?.series && (
              <Section title="What the detector saw" id="series-title">
                <SeriesChart series={alert.series} />
                <Text fz="xs" c="dimmed" mt={4}>
                  Red: observed per {alert.series.bucketMinutes} minutes. Blue band: expected range. Series {alert.series.name}.
                </Text>
              </Section>
            )}
            {(i.matchTerms.length > 0 || d.topics.length > 0) && (
              <Section title="What people are saying" id="topics-title">
                {i.matchTerms.length > 0 && (
                  <Group gap={6} mb="sm" aria-label="Top terms">
                    {i.matchTerms.map((t) => (
                      <Badge key={t} variant="light" color="gray" c="dark.7" radius="sm" tt="none">
                        {t}
                      </Badge>
                    ))}
                  </Group>
                )}
                <Stack gap="sm">
                  {d.topics.map((t) => (
                    <div key={t.label}>
                      <Text fw={600} fz="sm">
                        {t.label} <Text span c="dimmed" fz="xs">({t.size} mentions)</Text>
                      </Text>
                      {t.mentionIds.slice(0, 2).flatMap((mid) => (examples.get(mid) ? [examples.get(mid)!] : [])).map((text, k) => (
                        <Text key={k} fz="sm" c="dimmed" lineClamp={2}>
                          “{text}”
                        </Text>
                      ))}
                    </div>
                  ))}
                </Stack>
              </Section>
            )}
            <Section title="Linked mentions" id="mentions-title">
              <LinkedMentions detail={d} offset={mentionOffset} onPage={setMentionOffset} />
            </Section>
            <Section title="Timeline" id="timeline-title">
              {canManage && <NoteComposer incidentId={i.id} />}
              <IncidentTimeline detail={d} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Section title={d.playbook ? `Checklist · ${d.playbook.name}` : 'Checklist'} id="checklist-title">
              <Checklist detail={d} canManage={canManage} />
            </Section>
            <Paper withBorder p="md" radius="sm">
              <IncidentAlerts incidentId={i.id} />
            </Paper>
            <Section title="Statements" id="statements-title">
              <Statements detail={d} canManage={canManage} />
            </Section>
            {d.playbook && d.playbook.replies.length > 0 && (
              <Section title="Pre-approved replies" id="replies-title">
                <Stack gap="xs">
                  {d.playbook.replies.map((r) => (
                    <div key={r.name}>
                      <Text fw={600} fz="sm">
                        {r.name}
                      </Text>
                      <Text fz="sm" c="dimmed">
                        {r.body}
                      </Text>
                    </div>
                  ))}
                </Stack>
              </Section>
            )}
            <Section title="Affected customers" id="customers-title">
              <AffectedCustomers detail={d} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
};
