import { Type, type Static } from 'typebox';

/** Request/response schemas shared by the server (validation + OpenAPI), the console and the CLI. */

export const Uuid = Type.String({ format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

export const DateTime = Type.String({ format: 'date-time' });

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('agent'), Type.Literal('analyst'), Type.Literal('product')]);

export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  detail: Type.Optional(Type.String()),
  requestId: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
});

export const Ok = Type.Object({ ok: Type.Literal(true) });

/** Strict objects: unknown fields are refused with their path, never silently dropped. */
export const Strict = <T extends Parameters<typeof Type.Object>[0]>(props: T) => Type.Object(props, { additionalProperties: false });

export const Email = Type.String({ minLength: 3, maxLength: 254 });
export const Name = Type.String({ minLength: 1, maxLength: 200 });
