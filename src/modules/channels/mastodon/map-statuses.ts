import type { mastodon } from 'masto';
import type { InboundAuthor, InboundItem } from '../connector.ts';
import { htmlToText } from '../rss/html-text.ts';
import type { MastodonConfig } from './mastodon-config.ts';

/**
 * Mastodon statuses (as masto returns them, camelCased) to InboundItems. The status id is the
 * external id: it is what `in_reply_to_id` names and what a reply answers, on this instance.
 * Authors are identified by their full `name@domain`, which stays the same from any instance.
 * `direct` statuses are private messages; `private` (followers-only) ones are not public either.
 */
export interface MapContext {
  config: MastodonConfig;
  fromSearch: boolean;
}

export const mapStatus = (status: mastodon.v1.Status, ctx: MapContext, raw: unknown): InboundItem => {
  const shown = status.reblog ?? status;
  const author = accountAsAuthor(status.account, ctx.config.instanceUrl);
  const isPrivate = status.visibility === 'direct' || status.visibility === 'private';
  return {
    externalId: status.id,
    kind: status.reblog ? 'repost' : status.visibility === 'direct' ? 'dm' : status.inReplyToId ? 'reply' : 'post',
    visibility: isPrivate ? 'private' : 'public',
    text: htmlToText(shown.content ?? ''),
    title: shown.spoilerText ? shown.spoilerText : null,
    url: status.url ?? status.uri,
    authoredAt: new Date(status.createdAt),
    author,
    inReplyTo: status.inReplyToId ?? null,
    repostOf: status.reblog?.id ?? null,
    isOwn: status.account.id === ctx.config.accountId || author.externalId === fullAcct(ctx.config.acct, ctx.config.instanceUrl),
    engagement: { likes: status.favouritesCount, reposts: status.reblogsCount, replies: status.repliesCount },
    fromSearch: ctx.fromSearch,
    raw,
  };
};

export const accountAsAuthor = (account: mastodon.v1.Account, instanceUrl: string): InboundAuthor => {
  const handle = fullAcct(account.acct, account.url || instanceUrl);
  return {
    externalId: handle,
    handle,
    displayName: account.displayName || account.username,
    followers: account.followersCount ?? null,
    // Mastodon has no verified badge; a profile link proven with rel="me" is the closest thing.
    verified: account.fields?.some((f) => f.verifiedAt) ?? null,
    profileUrl: account.url ?? null,
    avatarUrl: account.avatar ?? null,
  };
};

/** `jo` on mastodon.example is `jo@mastodon.example` everywhere else. */
export const fullAcct = (acct: string, homeUrl: string): string => {
  const bare = acct.replace(/^@/, '');
  if (bare.includes('@')) return bare.toLowerCase();
  let host: string;
  try {
    host = new URL(homeUrl).host;
  } catch {
    host = homeUrl;
  }
  return `${bare}@${host}`.toLowerCase();
};

/** Mastodon ids are numeric strings of growing length: compare by length, then as text. */
export const compareIds = (a: string, b: string): number => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0);

export const maxId = (ids: string[]): string | null => ids.reduce<string | null>((m, id) => (m === null || compareIds(id, m) > 0 ? id : m), null);
