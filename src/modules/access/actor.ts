import type { Permission, Role } from './permissions.ts';
import { can } from './permissions.ts';

/** Who is making a request: a signed-in member or an API token, always inside one workspace. */
export interface Actor {
  kind: 'member' | 'token';
  workspaceId: string;
  role: Role;
  memberId: string | null;
  tokenId: string | null;
  /** Set for cookie sessions: state-changing requests must echo it (CSRF). */
  sessionId: string | null;
  csrfToken: string | null;
}

export const actorCan = (actor: Actor, permission: Permission): boolean => can(actor.role, permission);

/** How the actor is written in audit rows and timelines. */
export const actorRef = (actor: Actor): { actorType: 'member' | 'token'; actorId: string } => ({
  actorType: actor.kind,
  actorId: (actor.kind === 'member' ? actor.memberId : actor.tokenId) ?? 'unknown',
});
