import { Alert } from '@mantine/core';

/** The form-level error (what no single field explains), announced when it appears. */
export const FormAlert = ({ message }: { message: string | null }) =>
  message ? (
    <Alert color="red" variant="light" role="alert" py="xs">
      {message}
    </Alert>
  ) : null;
