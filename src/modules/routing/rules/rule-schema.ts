/**
 * TypeBox schemas of the rule shapes, for the HTTP edge and the OpenAPI document. They check the
 * structure only; `validateDataRule` / `validateChannelRule` check the meaning (known fields,
 * operators, value types, regexes, listening queries) and must still run before saving.
 */
import { Type } from 'typebox';

const Id = Type.String({ minLength: 1 });
const Ids = Type.Array(Id, { minItems: 1 });

export const ConditionSchema = Type.Object(
  {
    field: Type.String({ description: 'A rule field; see ruleFieldCatalog()' }),
    op: Type.String({ description: 'An operator the field takes' }),
    value: Type.Optional(Type.Unknown()),
    minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    timeZone: Type.Optional(Type.String()),
    caseSensitive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ConditionGroupSchema = Type.Cyclic(
  {
    ConditionNode: Type.Union([ConditionSchema, Type.Ref('ConditionGroup')]),
    ConditionGroup: Type.Union([
      Type.Object({ all: Type.Array(Type.Ref('ConditionNode')) }, { additionalProperties: false }),
      Type.Object({ any: Type.Array(Type.Ref('ConditionNode')) }, { additionalProperties: false }),
      Type.Object({ none: Type.Array(Type.Ref('ConditionNode')) }, { additionalProperties: false }),
    ]),
  },
  'ConditionGroup',
);

export const RuleActionSchema = Type.Union([
  Type.Object({ type: Type.Literal('assign_team'), teamId: Id }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('assign_agent'), agentId: Id }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('set_priority'), value: Type.Integer({ minimum: 0, maximum: 100 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('change_priority'), by: Type.Integer({ minimum: -100, maximum: 100 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('add_tag'), tag: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('send_to_feedback') }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('notify'), memberIds: Type.Optional(Ids), teamIds: Type.Optional(Ids), message: Type.Optional(Type.String()) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('auto_acknowledge'), cannedReplyId: Id }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('stop_processing') }, { additionalProperties: false }),
]);

export const DataRuleSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    enabled: Type.Optional(Type.Boolean()),
    when: ConditionGroupSchema,
    then: Type.Array(RuleActionSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const ChannelRuleSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    enabled: Type.Optional(Type.Boolean()),
    appliesTo: Type.Optional(
      Type.Object(
        {
          channelIds: Type.Optional(Type.Array(Id)),
          channelKinds: Type.Optional(Type.Array(Id)),
          visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('private')])),
        },
        { additionalProperties: false },
      ),
    ),
    calendarId: Type.Optional(Type.Union([Id, Type.Null()])),
    autoAcknowledge: Type.Optional(
      Type.Union([
        Type.Object(
          { cannedReplyId: Id, when: Type.Union([Type.Literal('always'), Type.Literal('outside_business_hours')]) },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    requireApprovalForPublicReply: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
