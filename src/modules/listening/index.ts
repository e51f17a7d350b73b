/**
 * Listening: what a workspace listens for. Listening queries are written in a small boolean
 * language (`acme AND (refund OR broken) -hiring`, `"login error" OR outage`, `#acme`, `@acme`,
 * `refund*`), matched by whole words, case- and accent-insensitively. Parse a query when it is
 * saved (`parseQuery` throws a VALIDATION_FAILED AppError with the column of the problem), build
 * a QuerySet of a workspace's queries once, and `match` each mention's text against it.
 * Pure, database-free. See parse-query.ts and tokenize-text.ts for the exact rules.
 */
export type { QueryNode } from './query-ast.ts';
export { MAX_QUERY_DEPTH, MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseQuery, QuerySyntaxError, type ParseQueryOptions } from './parse-query.ts';
export { compileQuery, compileTokenMatcher, type QueryMatcher, type TokenMatcher } from './compile-query.ts';
export { formatQuery } from './format-query.ts';
export { buildQuerySet, matchQueries, type InvalidQuery, type ListeningQuery, type QuerySet, type QuerySetOptions } from './query-set.ts';
export { foldText, MAX_MATCHED_CHARS, tokenizeText, type TokenizedText } from './tokenize-text.ts';
