import { randomBytes, randomUUID } from 'node:crypto';

/** Row ids are UUIDs (v4 from the platform; PostgreSQL's gen_random_uuid() as the default). */
export const newId = (): string => randomUUID();

/** URL-safe random token, for session ids, API tokens and setup links. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID_RE.test(s);
