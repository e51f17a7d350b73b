import { Anchor, Badge, Button, Grid, NavLink, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { can, useSignedIn } from '../api/session.ts';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useCampaign, useCampaigns } from './api.ts';
import { CampaignBuilder } from './campaign-builder.tsx';
import { CampaignView } from './campaign-view.tsx';

/** Only the title is needed here; the incident's shape belongs to the incidents pages. */
const useIncidentTitle = (id: string) =>
  useQuery({
    queryKey: ['incidents', 'title', id],
    queryFn: async () => {
      const r = await api.get<{ incident?: { title?: string }; title?: string }>(`/api/incidents/${id}`);
      return r.incident?.title ?? r.title ?? null;
    },
  });

/**
 * `/incidents/:id/outreach`: build an audience from the incident (who mentioned it, plus a
 * segment), look at each person's reason, path and preview, include or exclude people, send with
 * a confirmation, and follow the progress per person.
 */
export const OutreachPage = () => {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const session = useSignedIn();
  const manage = can(session, 'incidents:manage');
  const campaigns = useCampaigns(id);
  const title = useIncidentTitle(id);
  const selected = params.get('campaign') ?? (params.get('new') ? null : (campaigns.data?.[0]?.id ?? null));
  const campaign = useCampaign(selected);
  const select = (campaignId: string | null) => setParams(campaignId ? { campaign: campaignId } : { new: '1' });

  return (
    <>
      <PageHeader
        title="Outreach"
        description={
          <>
            Reach the customers affected by{' '}
            <Anchor component={Link} to={`/incidents/${id}`}>
              {title.data ?? 'this incident'}
            </Anchor>{' '}
            before they have to ask.
          </>
        }
        actions={
          manage && selected ? (
            <Button variant="default" onClick={() => select(null)}>
              New outreach
            </Button>
          ) : undefined
        }
      />
      {campaigns.isError ? (
        <LoadError error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : !campaigns.data ? (
        <TableSkeleton rows={4} />
      ) : (
        <Grid>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Paper withBorder p="xs" component="nav" aria-label="Campaigns">
              <Stack gap={2}>
                {!campaigns.data.length && (
                  <Text fz="sm" c="dimmed" p="xs">
                    No outreach yet.
                  </Text>
                )}
                {campaigns.data.map((c) => (
                  <NavLink
                    key={c.id}
                    label={c.name}
                    description={
                      <Text component="span" fz="xs" c="gray.8">
                        {new Date(c.createdAt).toLocaleString()}
                      </Text>
                    }
                    active={c.id === selected}
                    aria-current={c.id === selected ? 'page' : undefined}
                    onClick={() => select(c.id)}
                    rightSection={<Badge size="xs" variant="light" color={c.state === 'draft' ? 'blue' : 'teal'}>{c.state}</Badge>}
                  />
                ))}
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            {selected ? (
              campaign.isError ? (
                <LoadError error={campaign.error} onRetry={() => void campaign.refetch()} />
              ) : campaign.data ? (
                <CampaignView c={campaign.data} />
              ) : (
                <TableSkeleton rows={5} />
              )
            ) : manage ? (
              <CampaignBuilder incidentId={id} onCreated={(c) => select(c)} />
            ) : (
              <Text c="dimmed">Supervisors and admins build and send outreach.</Text>
            )}
          </Grid.Col>
        </Grid>
      )}
    </>
  );
};
