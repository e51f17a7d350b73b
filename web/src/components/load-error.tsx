import { Alert, Button, Center, Group, Text } from '@mantine/core';
import { messageOf } from '../api/client.ts';

/** What a screen shows when its data could not be loaded: the reason and a way to try again. */
export const LoadError = ({ error, onRetry, fullPage }: { error: unknown; onRetry?: () => void; fullPage?: boolean }) => {
  const alert = (
    <Alert color="red" variant="light" title="Could not load this" role="alert" maw={560}>
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Text fz="sm">{messageOf(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
  return fullPage ? <Center h="100vh">{alert}</Center> : alert;
};
