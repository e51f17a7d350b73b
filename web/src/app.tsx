import { Route, Routes } from 'react-router-dom';
import { SignInPage } from './auth/sign-in-page.tsx';
import { SetupPage } from './auth/setup-page.tsx';
import { RequireSession } from './auth/require-session.tsx';
import { ConsoleShell } from './shell/console-shell.tsx';
import { HomeRedirect } from './shell/home-redirect.tsx';
import { RequirePermission } from './shell/require-permission.tsx';
import { PlaceholderPage } from './pages/placeholder-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SettingsLayout, SettingsIndex } from './settings/settings-layout.tsx';
import { MembersPage } from './settings/members-page.tsx';
import { TeamsPage } from './settings/teams-page.tsx';
import { TokensPage } from './settings/tokens-page.tsx';
import { WorkspacePage } from './settings/workspace-page.tsx';
import { AuditPage } from './settings/audit-page.tsx';
import { NAV_ITEMS } from './shell/nav-items.ts';
import { InboxPage } from './inbox/index.ts';
import { ConversationPage } from './conversation/index.ts';

/** Every screen of the console. Pages of a feature go under its nav item's path. */
export const App = () => (
  <Routes>
    <Route path="/sign-in" element={<SignInPage />} />
    <Route path="/setup" element={<SetupPage />} />
    <Route element={<RequireSession />}>
      <Route element={<ConsoleShell />}>
        <Route index element={<HomeRedirect />} />
        {NAV_ITEMS.filter((i) => i.placeholder).map((i) => (
          <Route key={i.path} path={`${i.path}/*`} element={<RequirePermission permission={i.permission}>{<PlaceholderPage item={i} />}</RequirePermission>} />
        ))}
        <Route path="/inbox" element={<RequirePermission permission="conversations:read"><InboxPage /></RequirePermission>} />
        <Route path="/inbox/:id" element={<RequirePermission permission="conversations:read"><ConversationPage /></RequirePermission>} />
        <Route path="/settings" element={<SettingsLayout />}>
          <Route index element={<SettingsIndex />} />
          <Route path="members" element={<RequirePermission permission="members:read"><MembersPage /></RequirePermission>} />
          <Route path="teams" element={<RequirePermission permission="members:read"><TeamsPage /></RequirePermission>} />
          <Route path="tokens" element={<RequirePermission permission="tokens:manage"><TokensPage /></RequirePermission>} />
          <Route path="workspace" element={<RequirePermission permission="workspace:read"><WorkspacePage /></RequirePermission>} />
          <Route path="audit" element={<RequirePermission permission="audit:read"><AuditPage /></RequirePermission>} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Route>
  </Routes>
);
