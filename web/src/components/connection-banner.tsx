import { Group, Loader, Text } from '@mantine/core';
import { useConnectionState } from '../live/connection.ts';
import { OfflineIcon } from './icons.tsx';

/**
 * The banner shown while Lookout cannot be reached (API calls failing, browser offline, or the
 * live stream dropped). It disappears by itself when the connection is back. Rendered once by
 * the shell; any screen may render it too (e.g. a full-screen wall view).
 */
export const ConnectionBanner = () => {
  const state = useConnectionState();
  // The live region stays in the DOM so the change is announced, not just shown.
  return (
    <div role="status" aria-live="polite" data-testid="connection-banner" data-state={state}>
      {state === 'lost' && (
        <Group gap="xs" justify="center" px="md" py={6} bg="yellow.1" c="yellow.9" style={{ borderBottom: '1px solid var(--mantine-color-yellow-4)' }}>
          <OfflineIcon size={16} />
          <Text fz="sm" fw={600} c="yellow.9">
            Connection to Lookout lost.
          </Text>
          <Text fz="sm" c="yellow.9">
            Reconnecting… changes you make now may not be saved.
          </Text>
          <Loader size={14} color="yellow.9" aria-hidden="true" />
        </Group>
      )}
    </div>
  );
};
