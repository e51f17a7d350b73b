import { actorRef, type Actor } from '../access/index.ts';

/** Who changes customers: a member or token through the API, or the system (automatic merges). */
export type CustomerActor = Actor | { system: true; workspaceId: string };

export const SYSTEM_ACTOR = (workspaceId: string): CustomerActor => ({ system: true, workspaceId });

/** How the actor is written in links and merge history: `member:<id>`, `token:<id>` or `system`. */
export const actorLabel = (by: CustomerActor): string => {
  if ('system' in by) return 'system';
  const ref = actorRef(by);
  return `${ref.actorType}:${ref.actorId}`;
};
