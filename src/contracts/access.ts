import { Type, type Static } from 'typebox';
import { DateTime, Email, Name, Role, Strict, Uuid } from './common.ts';

export const SignInBody = Strict({
  email: Email,
  password: Type.String({ minLength: 1, maxLength: 1000 }),
  workspace: Type.Optional(Type.String({ maxLength: 48 })),
});
export type SignInBody = Static<typeof SignInBody>;

export const MemberView = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: Role,
  persona: Type.Union([Type.String(), Type.Null()]),
  capacity: Type.Integer(),
  skills: Type.Object({ languages: Type.Optional(Type.Array(Type.String())), channels: Type.Optional(Type.Array(Type.String())) }),
  availability: Type.String(),
  isActive: Type.Boolean(),
  lastSeenAt: Type.Union([DateTime, Type.Null()]),
  createdAt: DateTime,
});
export type MemberView = Static<typeof MemberView>;

export const WorkspaceView = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  settings: Type.Record(Type.String(), Type.Unknown()),
});
export type WorkspaceView = Static<typeof WorkspaceView>;

export const SessionView = Type.Object({
  member: Type.Union([MemberView, Type.Null()]),
  workspace: WorkspaceView,
  role: Role,
  permissions: Type.Array(Type.String()),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
});
export type SessionView = Static<typeof SessionView>;

export const SetupStatus = Type.Object({ needsSetup: Type.Boolean() });

export const SetupBody = Strict({
  token: Type.String({ minLength: 10, maxLength: 200 }),
  workspaceName: Name,
  workspaceSlug: Type.Optional(Type.String({ maxLength: 48 })),
  name: Name,
  email: Email,
  password: Type.String({ minLength: 1, maxLength: 1000 }),
});
export type SetupBody = Static<typeof SetupBody>;

export const WorkspacePatch = Strict({
  name: Type.Optional(Name),
  timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  settings: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Merged into the settings at the top level: keys given replace theirs, a key set to null is removed, others stay' })),
});
export type WorkspacePatch = Static<typeof WorkspacePatch>;

const Skills = Strict({ languages: Type.Optional(Type.Array(Type.String({ maxLength: 16 }), { maxItems: 50 })), channels: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 50 })) });

export const MemberCreate = Strict({
  email: Email,
  name: Name,
  role: Role,
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  persona: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  skills: Type.Optional(Skills),
});
export type MemberCreate = Static<typeof MemberCreate>;

export const MemberPatch = Strict({
  name: Type.Optional(Name),
  role: Type.Optional(Role),
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  persona: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  skills: Type.Optional(Skills),
  availability: Type.Optional(Type.Union([Type.Literal('online'), Type.Literal('away'), Type.Literal('offline')])),
  isActive: Type.Optional(Type.Boolean()),
});
export type MemberPatch = Static<typeof MemberPatch>;

export const TokenCreate = Strict({
  name: Name,
  role: Role,
  expiresAt: Type.Optional(Type.Union([DateTime, Type.Null()])),
});
export type TokenCreate = Static<typeof TokenCreate>;

export const TokenView = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  role: Role,
  createdAt: DateTime,
  lastUsedAt: Type.Union([DateTime, Type.Null()]),
  expiresAt: Type.Union([DateTime, Type.Null()]),
  revokedAt: Type.Union([DateTime, Type.Null()]),
});

export const TokenCreated = Type.Object({ id: Uuid, token: Type.String(), prefix: Type.String() });

export const AuditQuery = Strict({ before: Type.Optional(Type.Integer({ minimum: 1 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) });

export const AuditEntryView = Type.Object({
  id: Type.Integer(),
  actorType: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  subjectType: Type.Union([Type.String(), Type.Null()]),
  subjectId: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: DateTime,
});

export const TeamView = Type.Object({
  id: Uuid,
  name: Type.String(),
  assignment: Type.String(),
  memberIds: Type.Array(Uuid),
});
export type TeamView = Static<typeof TeamView>;

export const TeamCreate = Strict({
  name: Name,
  assignment: Type.Optional(Type.Union([Type.Literal('round_robin'), Type.Literal('least_loaded'), Type.Literal('manual')])),
  memberIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
});
export type TeamCreate = Static<typeof TeamCreate>;
export const TeamPatch = Strict({
  name: Type.Optional(Name),
  assignment: Type.Optional(Type.Union([Type.Literal('round_robin'), Type.Literal('least_loaded'), Type.Literal('manual')])),
  memberIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
});
export type TeamPatch = Static<typeof TeamPatch>;
