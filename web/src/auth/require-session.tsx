import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../api/session.ts';
import { LoadError } from '../components/load-error.tsx';

/** Pages behind it need a signed-in member; anyone else goes to sign-in and comes back after. */
export const RequireSession = () => {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader role="status" aria-label="Loading Lookout" />
      </Center>
    );
  }
  if (session.isError) return <LoadError error={session.error} onRetry={() => void session.refetch()} fullPage />;
  if (!session.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
};
