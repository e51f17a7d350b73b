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
import { ChannelsPage } from './settings/channels-page.tsx';
import { ListeningPage } from './settings/listening-page.tsx';
import { RulesPage } from './settings/rules-page.tsx';
import { SlaPage } from './settings/sla-page.tsx';
import { CannedRepliesPage } from './settings/canned-replies-page.tsx';
import { TriageWeightsPage } from './settings/triage-weights-page.tsx';
import { ClassifiersPage } from './settings/classifiers-page.tsx';
import { NAV_ITEMS } from './shell/nav-items.ts';
import { InboxPage } from './inbox/index.ts';
import { ConversationPage } from './conversation/index.ts';
import { ApprovalsPage } from './approvals/index.ts';
import { CompliancePage } from './settings/compliance-page.tsx';
import { CustomerPage, CustomersPage } from './customers/index.ts';
import { IncidentPage, IncidentsPage } from './incidents/index.ts';
import { OutreachPage } from './outreach/index.ts';
import { SurveysPage } from './settings/surveys-page.tsx';
import { PlaybooksPage } from './settings/playbooks-page.tsx';
import { AlertRulesPage } from './settings/alert-rules-page.tsx';
import { AlertAckPage } from './alerts/index.ts';
import { DrillPage, DrillsPage } from './drills/index.ts';
import { WallPage } from './wall/index.ts';

/** Every screen of the console. Pages of a feature go under its nav item's path. */
export const App = () => (
  <Routes>
    <Route path="/sign-in" element={<SignInPage />} />
    <Route path="/alert-ack/:id" element={<AlertAckPage />} />
    <Route path="/setup" element={<SetupPage />} />
    <Route element={<RequireSession />}>
      <Route path="/wall" element={<RequirePermission permission="incidents:read"><WallPage /></RequirePermission>} />
      <Route element={<ConsoleShell />}>
        <Route index element={<HomeRedirect />} />
        {NAV_ITEMS.filter((i) => i.placeholder).map((i) => (
          <Route key={i.path} path={`${i.path}/*`} element={<RequirePermission permission={i.permission}>{<PlaceholderPage item={i} />}</RequirePermission>} />
        ))}
        <Route path="/inbox" element={<RequirePermission permission="conversations:read"><InboxPage /></RequirePermission>} />
        <Route path="/inbox/:id" element={<RequirePermission permission="conversations:read"><ConversationPage /></RequirePermission>} />
        <Route path="/approvals" element={<RequirePermission permission="approvals:decide"><ApprovalsPage /></RequirePermission>} />
        <Route path="/customers" element={<RequirePermission permission="customers:read"><CustomersPage /></RequirePermission>} />
        <Route path="/customers/:id" element={<RequirePermission permission="customers:read"><CustomerPage /></RequirePermission>} />
        <Route path="/incidents" element={<RequirePermission permission="incidents:read"><IncidentsPage /></RequirePermission>} />
        <Route path="/incidents/:id" element={<RequirePermission permission="incidents:read"><IncidentPage /></RequirePermission>} />
        <Route path="/incidents/:id/outreach" element={<RequirePermission permission="incidents:read"><OutreachPage /></RequirePermission>} />
        <Route path="/drills" element={<RequirePermission permission={['drills:run', 'incidents:read']}><DrillsPage /></RequirePermission>} />
        <Route path="/drills/:id" element={<RequirePermission permission="incidents:read"><DrillPage /></RequirePermission>} />
        <Route path="/settings" element={<SettingsLayout />}>
          <Route index element={<SettingsIndex />} />
          <Route path="members" element={<RequirePermission permission="members:read"><MembersPage /></RequirePermission>} />
          <Route path="teams" element={<RequirePermission permission="members:read"><TeamsPage /></RequirePermission>} />
          <Route path="tokens" element={<RequirePermission permission="tokens:manage"><TokensPage /></RequirePermission>} />
          <Route path="workspace" element={<RequirePermission permission="workspace:read"><WorkspacePage /></RequirePermission>} />
          <Route path="audit" element={<RequirePermission permission="audit:read"><AuditPage /></RequirePermission>} />
          <Route path="compliance" element={<RequirePermission permission="conversations:reply"><CompliancePage /></RequirePermission>} />
          <Route path="channels" element={<RequirePermission permission="channels:read"><ChannelsPage /></RequirePermission>} />
          <Route path="listening" element={<RequirePermission permission="channels:read"><ListeningPage /></RequirePermission>} />
          <Route path="rules" element={<RequirePermission permission="conversations:read"><RulesPage /></RequirePermission>} />
          <Route path="sla" element={<RequirePermission permission="conversations:read"><SlaPage /></RequirePermission>} />
          <Route path="canned-replies" element={<RequirePermission permission="conversations:read"><CannedRepliesPage /></RequirePermission>} />
          <Route path="triage" element={<RequirePermission permission="conversations:read"><TriageWeightsPage /></RequirePermission>} />
          <Route path="classifiers" element={<RequirePermission permission="conversations:read"><ClassifiersPage /></RequirePermission>} />
          <Route path="playbooks" element={<RequirePermission permission="incidents:read"><PlaybooksPage /></RequirePermission>} />
          <Route path="alerts" element={<RequirePermission permission="incidents:read"><AlertRulesPage /></RequirePermission>} />
          <Route path="surveys" element={<RequirePermission permission="workspace:read"><SurveysPage /></RequirePermission>} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Route>
  </Routes>
);
