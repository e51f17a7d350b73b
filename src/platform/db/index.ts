export * from './database.ts';
export * as schema from './schema/index.ts';
export { DataDirLockedError } from './dir-lock.ts';
export { PACKAGE_ROOT } from './paths.ts';
export { sql, and, or, eq, ne, desc, asc, inArray, notInArray, isNull, isNotNull, gt, gte, lt, lte, count } from 'drizzle-orm';
export { bulkInsert } from './bulk-insert.ts';
