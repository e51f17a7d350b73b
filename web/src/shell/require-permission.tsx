import type { ReactNode } from 'react';
import { Button, EmptyState } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useSignedIn } from '../api/session.ts';
import { LockIcon } from '../components/icons.tsx';
import { ROLE_LABELS } from '../api/types.ts';
import { hasAny } from './nav-items.ts';
import { PageHeader } from '../components/page-header.tsx';

/** A screen the role may not see says so (a deep link still works, it just explains). */
export const RequirePermission = ({ permission, children }: { permission: string | string[]; children: ReactNode }) => {
  const session = useSignedIn();
  if (hasAny(session.permissions, permission)) return <>{children}</>;
  return (
    <>
      <PageHeader title="Not available to your role" />
      <EmptyState
        icon={<LockIcon size={28} />}
        withIndicatorBackground
        title="You don't have access to this page"
        description={`Your role (${ROLE_LABELS[session.role]}) does not include it. Ask an admin if you need it.`}
        py="xl"
      >
        <EmptyState.Actions>
          <Button component={Link} to="/" variant="default">
            Back to start
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </>
  );
};
