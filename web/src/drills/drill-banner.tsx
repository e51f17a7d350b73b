import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { can, useSignedIn } from '../api/session.ts';
import { useLiveDrills, useRunningDrill } from './api.ts';

/**
 * "DRILL RUNNING" across the whole console while a drill plays, so nobody mistakes its mentions
 * and incidents for the real thing (they are marked DRILL one by one too). Mounted by the shell.
 */
export const DrillBanner = () => {
  const session = useSignedIn();
  const allowed = can(session, 'incidents:read');
  useLiveDrills(allowed);
  const { data: drill } = useRunningDrill(allowed);
  if (!allowed || !drill) return null;
  return (
    <Group role="status" aria-live="polite" data-drill-banner="" justify="center" gap="md" px="md" py={6} wrap="wrap" style={{ background: 'repeating-linear-gradient(45deg, #7a1f00, #7a1f00 14px, #8f2a05 14px, #8f2a05 28px)', color: 'white' }}>
      <Text fw={800} fz="sm" lts={1.5}>
        DRILL RUNNING
      </Text>
      <Text fz="sm">
        {drill.scenarioName} · {drill.injected}/{drill.total} mentions · nothing leaves Lookout
      </Text>
      <Anchor component={Link} to={`/drills/${drill.id}`} c="white" fz="sm" fw={600} underline="always">
        Progress and score
      </Anchor>
    </Group>
  );
};
