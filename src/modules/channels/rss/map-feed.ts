import { parseFeed } from 'feedsmith';
import type { InboundAuthor, InboundItem } from '../connector.ts';
import { sha256Hex } from '../../../platform/crypto/index.ts';
import { htmlToText } from './html-text.ts';

/**
 * Turns one fetched feed document (RSS 2.0, Atom 1.0, RSS 1.0/RDF or JSON Feed, told apart by
 * feedsmith) into InboundItems. Everything format-specific is read into one `Entry` shape first,
 * then mapped once.
 */
export interface FeedSource {
  url: string;
  name?: string | undefined;
  kind?: 'article' | 'review' | undefined;
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

interface Person {
  name?: string | undefined;
  email?: string | undefined;
  uri?: string | undefined;
}

interface Entry {
  id?: string | undefined;
  title?: string | undefined;
  /** Already plain text. */
  text: string;
  link?: string | undefined;
  date?: string | undefined;
  author?: Person | undefined;
  raw: unknown;
}

interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title?: string | undefined;
  link?: string | undefined;
  author?: Person | undefined;
  entries: Entry[];
}

export interface MappedFeed {
  format: ParsedFeed['format'];
  title: string | null;
  items: InboundItem[];
}

export const mapFeed = (body: string, source: FeedSource, fetchedAt: Date): MappedFeed => {
  const parsed = readFeed(body);
  // Atom and JSON Feed say an entry without an author inherits the feed's; failing that, the feed
  // itself (the blog, the review site) speaks.
  const feedAuthor = (parsed.author && personAsAuthor(parsed.author, source.url)) || feedAsAuthor(parsed, source);
  const items = parsed.entries.map((entry): InboundItem => {
    const url = absolutize(entry.link, source.url);
    const title = entry.title?.trim() || null;
    return {
      externalId: entry.id?.trim() || url || syntheticId(source.url, entry),
      kind: source.kind ?? 'article',
      visibility: 'public',
      text: entry.text || title || '',
      title,
      url,
      authoredAt: parseDate(entry.date) ?? fetchedAt,
      author: entry.author ? personAsAuthor(entry.author, source.url) ?? feedAuthor : feedAuthor,
      raw: { feedUrl: source.url, format: parsed.format, entry: entry.raw },
    };
  });
  return { format: parsed.format, title: parsed.title ?? null, items };
};

const parseOrThrow = (body: string) => {
  try {
    return parseFeed(body);
  } catch (err) {
    throw new FeedParseError(err instanceof Error ? err.message : 'Unrecognized feed format');
  }
};

const readFeed = (body: string): ParsedFeed => {
  const result = parseOrThrow(body);
  switch (result.format) {
    case 'rss': {
      const f = result.feed;
      return {
        format: 'rss',
        title: f.title,
        link: f.link,
        author: f.managingEditor ? { name: f.managingEditor.name, email: f.managingEditor.email } : undefined,
        entries: (f.items ?? []).map((i) => ({
          id: i.guid?.value,
          title: i.title ? htmlToText(i.title) : undefined,
          text: htmlToText(i.content?.encoded ?? i.description ?? ''),
          link: i.link ?? (i.guid?.isPermaLink !== false && /^https?:/.test(i.guid?.value ?? '') ? i.guid?.value : undefined),
          date: i.pubDate ?? i.dc?.dates?.[0],
          author: i.authors?.[0]
            ? { name: i.authors[0].name, email: i.authors[0].email, uri: i.authors[0].link }
            : i.dc?.creators?.[0] ? { name: i.dc.creators[0] } : undefined,
          raw: i,
        })),
      };
    }
    case 'atom': {
      const f = result.feed;
      const person = (p: { name?: string; email?: string; uri?: string } | undefined): Person | undefined =>
        p ? { name: p.name, email: p.email, uri: p.uri } : undefined;
      return {
        format: 'atom',
        title: f.title ? atomText(f.title) : undefined,
        link: alternateLink(f.links),
        author: person(f.authors?.[0]),
        entries: (f.entries ?? []).map((e) => ({
          id: e.id,
          title: e.title ? atomText(e.title) : undefined,
          text: e.content?.value !== undefined ? atomText({ value: e.content.value, type: e.content.type }) : e.summary ? atomText(e.summary) : '',
          link: alternateLink(e.links),
          date: e.published ?? e.updated,
          author: person(e.authors?.[0]) ?? person(e.source?.authors?.[0]),
          raw: e,
        })),
      };
    }
    case 'rdf': {
      const f = result.feed;
      return {
        format: 'rdf',
        title: f.title,
        link: f.link,
        author: f.dc?.creators?.[0] ? { name: f.dc.creators[0] } : undefined,
        entries: (f.items ?? []).map((i) => ({
          id: i.rdf?.about ?? i.link,
          title: i.title ? htmlToText(i.title) : undefined,
          text: htmlToText(i.content?.encoded ?? i.description ?? ''),
          link: i.link,
          date: i.dc?.dates?.[0] ?? i.dcterms?.modified?.[0],
          author: i.dc?.creators?.[0] ? { name: i.dc.creators[0] } : undefined,
          raw: i,
        })),
      };
    }
    case 'json': {
      const f = result.feed;
      const person = (a: { name?: string; url?: string } | undefined): Person | undefined =>
        a && (a.name || a.url) ? { name: a.name, uri: a.url } : undefined;
      return {
        format: 'json',
        title: f.title,
        link: f.home_page_url,
        author: person(f.authors?.[0]),
        entries: (f.items ?? []).map((i) => ({
          id: i.id === undefined || i.id === null ? undefined : String(i.id),
          title: i.title,
          text: i.content_text ?? (i.content_html ? htmlToText(i.content_html) : (i.summary ?? '')),
          link: i.url ?? i.external_url,
          date: i.date_published ?? i.date_modified,
          author: person(i.authors?.[0]),
          raw: i,
        })),
      };
    }
  }
};

/** Atom text constructs: `text` is literal, `html` is escaped markup, `xhtml` is inline markup. */
const atomText = (t: { value?: string; type?: string }): string =>
  t.type === 'html' || t.type === 'xhtml' ? htmlToText(t.value ?? '') : (t.value ?? '').trim();

const alternateLink = (links: { href?: string; rel?: string }[] | undefined): string | undefined =>
  (links?.find((l) => !l.rel || l.rel === 'alternate') ?? links?.[0])?.href;

/** Who wrote an entry: email, else profile URI, else the name scoped to the feed (names repeat). */
const personAsAuthor = (p: Person, feedUrl: string): InboundAuthor | null => {
  const email = p.email?.trim().toLowerCase() || null;
  const uri = p.uri?.trim() || null;
  const name = p.name?.trim() || null;
  const externalId = email ?? uri ?? (name ? `${feedUrl}#author=${encodeURIComponent(name)}` : null);
  if (!externalId) return null;
  return {
    externalId,
    handle: name ?? email ?? uri ?? externalId,
    displayName: name,
    email,
    profileUrl: uri && /^https?:/.test(uri) ? uri : null,
  };
};

const feedAsAuthor = (feed: ParsedFeed, source: FeedSource): InboundAuthor => {
  const name = source.name ?? feed.title ?? feed.author?.name ?? new URL(source.url).host;
  return {
    externalId: source.url,
    handle: name,
    displayName: name,
    profileUrl: absolutize(feed.link, source.url),
  };
};

const absolutize = (link: string | undefined, base: string): string | null => {
  if (!link?.trim()) return null;
  try {
    const url = new URL(link.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
};

const parseDate = (value: string | undefined): Date | null => {
  if (!value) return null;
  const d = new Date(value.trim());
  return Number.isNaN(d.getTime()) ? null : d;
};

/** An entry with neither id nor link: a stable id from what it says, so re-polls dedupe. */
const syntheticId = (feedUrl: string, entry: Entry): string =>
  `${feedUrl}#sha256=${sha256Hex(`${entry.title ?? ''}\u0000${entry.date ?? ''}\u0000${entry.text}`)}`;
