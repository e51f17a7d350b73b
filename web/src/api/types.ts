import type { Static } from 'typebox';
import type {
  AuditEntryView, MemberCreate, MemberPatch, MemberView, SessionView, SetupBody, SignInBody, TeamCreate, TeamPatch, TeamView,
  TokenCreate, TokenCreated, TokenView, WorkspacePatch, WorkspaceView, Role as RoleSchema,
} from '@contracts';

/** The API's shapes, from the schemas the server validates with (src/contracts): one definition. */
export type Session = SessionView;
export type Member = MemberView;
export type Workspace = WorkspaceView;
export type Team = TeamView;
export type Token = Static<typeof TokenView>;
export type CreatedToken = Static<typeof TokenCreated>;
export type AuditEntry = Static<typeof AuditEntryView>;
export type Role = Static<typeof RoleSchema>;
export type { MemberCreate, MemberPatch, SetupBody, SignInBody, TeamCreate, TeamPatch, TokenCreate, WorkspacePatch };

export const ROLES: readonly Role[] = ['admin', 'supervisor', 'agent', 'analyst', 'product'];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  supervisor: 'Supervisor',
  agent: 'Agent',
  analyst: 'Analyst',
  product: 'Product',
};

export const ROLE_HINTS: Record<Role, string> = {
  admin: 'everything, including members, channels and tokens',
  supervisor: 'works and oversees the inbox, approves replies, reads the audit log',
  agent: 'answers customers',
  analyst: 'reads everything, changes nothing',
  product: 'product feedback and reports',
};
