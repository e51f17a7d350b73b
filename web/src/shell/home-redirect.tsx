import { Navigate } from 'react-router-dom';
import { useSignedIn } from '../api/session.ts';
import { visibleNavItems } from './nav-items.ts';

/** `/` opens the first screen the role may see: the inbox for most, reports for product. */
export const HomeRedirect = () => {
  const session = useSignedIn();
  const first = visibleNavItems(session.permissions)[0];
  return <Navigate to={first?.path ?? '/settings'} replace />;
};
