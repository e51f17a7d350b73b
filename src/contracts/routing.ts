import { Type, type Static } from 'typebox';
import { DateTime, Name, Strict, Uuid } from './common.ts';

const Definition = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 });

export const RuleView = Type.Object({
  id: Uuid,
  layer: Type.Union([Type.Literal('channel'), Type.Literal('data')]),
  name: Type.String(),
  position: Type.Integer(),
  isActive: Type.Boolean(),
  /** Data rule: {when: {all|any|none: [...]}, then: [...]}; channel rule: {appliesTo, calendarId, autoAcknowledge, requireApprovalForPublicReply}. */
  definition: Type.Record(Type.String(), Type.Unknown()),
  updatedAt: DateTime,
});
export type RuleView = Static<typeof RuleView>;

export const RuleCreate = Strict({
  layer: Type.Union([Type.Literal('channel'), Type.Literal('data')]),
  name: Name,
  definition: Definition,
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  isActive: Type.Optional(Type.Boolean()),
});
export type RuleCreate = Static<typeof RuleCreate>;

export const RulePatch = Strict({
  name: Type.Optional(Name),
  definition: Type.Optional(Definition),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  isActive: Type.Optional(Type.Boolean()),
});
export type RulePatch = Static<typeof RulePatch>;

/** The rules of one layer in their new order: every rule of that layer, each once. */
export const RuleReorderBody = Strict({
  layer: Type.Union([Type.Literal('channel'), Type.Literal('data')]),
  ids: Type.Array(Uuid, { minItems: 1, maxItems: 10_000, uniqueItems: true }),
});
export type RuleReorderBody = Static<typeof RuleReorderBody>;

export const RuleTestBody = Strict({ name: Name, definition: Definition, mentionId: Uuid });
export const RuleTestView = Type.Object({
  matched: Type.Boolean(),
  reasons: Type.Array(Type.String()),
  trace: Type.Unknown(),
  actions: Type.Array(Type.Unknown()),
  enabled: Type.Boolean(),
});

export const RuleFieldView = Type.Object({
  name: Type.String(),
  label: Type.String(),
  kind: Type.String(),
  ops: Type.Array(Type.String()),
  values: Type.Optional(Type.Array(Type.String())),
  range: Type.Optional(Type.Array(Type.Number())),
  hasScore: Type.Boolean(),
});

export const NamedDefinitionView = Type.Object({
  id: Uuid,
  name: Type.String(),
  definition: Type.Record(Type.String(), Type.Unknown()),
  position: Type.Optional(Type.Integer()),
  calendarId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  updatedAt: DateTime,
});

export const NamedDefinitionBody = Strict({
  name: Name,
  definition: Definition,
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  calendarId: Type.Optional(Type.Union([Uuid, Type.Null()])),
});
export type NamedDefinitionBody = Static<typeof NamedDefinitionBody>;
