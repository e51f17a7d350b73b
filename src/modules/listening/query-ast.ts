/**
 * The parsed form of a listening query. Plain JSON, so it can be stored next to the query text
 * (or recomputed from it: parsing is cheap) and sent to the console for display.
 * Every string in it is already folded (lower case, accents removed).
 */
export type QueryNode =
  /** One word, matched whole. */
  | { type: 'term'; word: string }
  /** `refund*`: any word starting with the prefix. */
  | { type: 'prefix'; prefix: string }
  /** Consecutive words: a quoted phrase, or a term that splits into several words (`e-mail`). */
  | { type: 'phrase'; words: string[] }
  /** `#acme`: only that hashtag. */
  | { type: 'hashtag'; tag: string }
  /** `@acme`: that handle (and domain/fediverse handles whose first label it is). */
  | { type: 'handle'; handle: string }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode };
