import { Button, EmptyState } from '@mantine/core';
import { Link } from 'react-router-dom';
import { PageHeader } from '../components/page-header.tsx';

export const NotFoundPage = () => (
  <>
    <PageHeader title="Page not found" />
    <EmptyState title="There is nothing at this address" description="The link may be old, or mistyped." py="xl">
      <EmptyState.Actions>
        <Button component={Link} to="/" variant="default">
          Back to start
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  </>
);
