/**
 * Access: workspaces, members and their roles, sign-in sessions, API tokens, the audit log and
 * the first-run setup link. Everything another module needs to know about who is acting.
 */
export * from './permissions.ts';
export * from './actor.ts';
export * from './audit.ts';
export * from './workspaces.ts';
export * from './members.ts';
export * from './sessions.ts';
export * from './setup.ts';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
export * from './teams.ts';
