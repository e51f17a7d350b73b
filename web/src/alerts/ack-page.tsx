import { Badge, Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useParams, useSearchParams } from 'react-router-dom';
import { messageOf } from '../api/client.ts';
import { useAckByLink, useAckLink } from './api.ts';

/**
 * Where the acknowledgement link of an alert email lands (no sign-in: the signed token is the
 * credential). Opening it changes nothing — mail scanners fetch links — the button does.
 */
export const AlertAckPage = () => {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const view = useAckLink(id, token);
  const ack = useAckByLink(id, token);
  const v = ack.data ?? view.data;
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" radius="md" maw={520} w="100%">
        <Stack gap="sm">
          <Title order={1} fz="h3">
            Acknowledge alert
          </Title>
          {view.isError ? (
            <Text role="alert">{messageOf(view.error)}</Text>
          ) : !v ? (
            <Text c="dimmed">Loading…</Text>
          ) : (
            <>
              <Text fw={600}>
                {v.title} {v.isDrill && <Badge color="grape">DRILL</Badge>}
              </Text>
              <Text fz="sm">Severity {v.severity}/10</Text>
              {v.acknowledgedAt ? (
                <Text role="status" c="teal.8" fw={500}>
                  Acknowledged {new Date(v.acknowledgedAt).toLocaleString()}: escalation has stopped.
                </Text>
              ) : (
                <Button onClick={() => ack.mutate()} loading={ack.isPending}>
                  I am on it — acknowledge
                </Button>
              )}
              {ack.isError && <Text role="alert" c="red.8">{messageOf(ack.error)}</Text>}
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
};
