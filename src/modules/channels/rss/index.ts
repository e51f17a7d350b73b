/**
 * RSS / Atom / RSS 1.0 (RDF) / JSON Feed connector: polls configured feeds with conditional GET,
 * parses them with feedsmith and hands new entries to the pipeline as public articles or reviews.
 * Read-only: feeds cannot be answered, so there is no `send`.
 */
export { createRssConnector, rssConnector, type RssConnectorDeps } from './rss-connector.ts';
export { RssConfig, RssFeedConfig, parseRssConfig } from './rss-config.ts';
export type { RssCursor, FeedCursor } from './feed-cursor.ts';
export { htmlToText } from './html-text.ts';
