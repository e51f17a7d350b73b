import { AtUri, RichText, type AppBskyFeedPost } from '@atproto/api';
import { SendError, type OutboundMessage, type SendResult } from '../connector.ts';
import { classifyError } from './bluesky-errors.ts';
import type { BlueskySession } from './bluesky-session.ts';
import { postUrl } from './map-post.ts';
import { splitForThread } from './split-text.ts';

interface StrongRef {
  uri: string;
  cid: string;
}

/** How far back the brand's own posts are read to find a reply already sent (see `findSentChain`). */
const OWN_POSTS_CHECKED = 100;

/**
 * Replies in the thread of the post `inReplyTo` names. The parent's cid and the thread's root come
 * from the AppView (`getPosts`): a reply must carry strong refs (uri + cid) to both, and the root
 * the parent record names wins over the caller's `threadRoot`. A reply longer than one post goes
 * out as a self-thread, each part answering the one before.
 *
 * Idempotency: Bluesky has no idempotency key, and a post's record key must be a fresh TID, so a
 * retry after a crash or timeout could post twice. Before posting, the brand's latest records are
 * read straight from its PDS (`com.atproto.repo.listRecords`, no AppView lag) and parts already
 * there (same parent, same text) are reused; only the missing parts are posted. A retry of a
 * half-sent thread thus completes it. The window is the last 100 posts of the account.
 */
export const sendReply = async (session: BlueskySession, message: OutboundMessage, now: () => Date): Promise<SendResult> => {
  if (message.isPrivate) {
    throw new SendError('Bluesky direct messages are not supported by this connector; reply in public', 'unsupported', false);
  }
  const parentUri = message.inReplyTo ?? null;
  if (!parentUri || !isPostUri(parentUri)) {
    throw new SendError('A Bluesky reply needs the at:// URI of the post it answers', 'rejected', false);
  }
  const parts = splitForThread(message.text);
  if (parts.length === 0) throw new SendError('The reply is empty', 'rejected', false);

  try {
    const { agent } = session;
    const found = await agent.app.bsky.feed.getPosts({ uris: [parentUri] });
    const parentView = found.data.posts[0];
    if (!parentView) {
      throw new SendError('The post being answered is gone (deleted, or hidden from the brand)', 'rejected', false);
    }
    const parent: StrongRef = { uri: parentView.uri, cid: parentView.cid };
    const root = rootOf(parentView.record) ?? parent;

    const sent = await findSentChain(session, parent, parts);
    let previous = sent.at(-1) ?? parent;
    for (const text of parts.slice(sent.length)) {
      const rt = new RichText({ text });
      await rt.detectFacets(agent);
      const record: Partial<AppBskyFeedPost.Record> & Omit<AppBskyFeedPost.Record, 'createdAt'> = {
        $type: 'app.bsky.feed.post',
        text: rt.text,
        ...(rt.facets?.length ? { facets: rt.facets } : {}),
        reply: { root, parent: previous },
        createdAt: now().toISOString(),
      };
      const res = await agent.post(record);
      previous = { uri: res.uri, cid: res.cid };
      sent.push(previous);
    }
    const first = sent[0] as StrongRef;
    return {
      externalId: first.uri,
      url: postUrl({ did: session.did, handle: session.handle }, first.uri),
      ...(sent.length > 1 ? { externalIds: sent.map((s) => s.uri) } : {}),
      raw: { posts: sent, parts, root, parent },
    };
  } catch (err) {
    throw toSendError(err, now());
  }
};

const isPostUri = (uri: string): boolean => {
  try {
    return new AtUri(uri).collection === 'app.bsky.feed.post';
  } catch {
    return false;
  }
};

const rootOf = (record: unknown): StrongRef | null => {
  const root = (record as { reply?: { root?: Partial<StrongRef> } } | null)?.reply?.root;
  return root?.uri && root.cid ? { uri: root.uri, cid: root.cid } : null;
};

/** The leading parts of this reply already posted by the brand, in order, as strong refs. */
const findSentChain = async (session: BlueskySession, parent: StrongRef, parts: string[]): Promise<StrongRef[]> => {
  const res = await session.agent.com.atproto.repo.listRecords({
    repo: session.did,
    collection: 'app.bsky.feed.post',
    limit: OWN_POSTS_CHECKED,
  });
  const byParent = new Map<string, Array<{ uri: string; cid: string; text: string }>>();
  for (const r of res.data.records) {
    const value = r.value as { text?: unknown; reply?: { parent?: { uri?: unknown } } };
    const p = value.reply?.parent?.uri;
    if (typeof p !== 'string' || typeof value.text !== 'string') continue;
    byParent.set(p, [...(byParent.get(p) ?? []), { uri: r.uri, cid: r.cid, text: value.text }]);
  }
  const chain: StrongRef[] = [];
  let previous = parent.uri;
  for (const text of parts) {
    const hit = byParent.get(previous)?.find((r) => r.text === text);
    if (!hit) break;
    chain.push({ uri: hit.uri, cid: hit.cid });
    previous = hit.uri;
  }
  return chain;
};

export const toSendError = (err: unknown, now: Date): SendError => {
  if (err instanceof SendError) return err;
  const e = classifyError(err, now);
  switch (e.problem) {
    case 'auth':
      return new SendError(`Bluesky refused the credentials: ${e.message}`, 'auth', false);
    case 'rate_limited':
      return new SendError(`Bluesky rate limit: ${e.message}`, 'rate_limited', true, e.retryAfterMs);
    case 'rejected':
      return new SendError(`Bluesky rejected the reply: ${e.message}`, 'rejected', false);
    default:
      return new SendError(`Bluesky unreachable: ${e.message}`, 'network', true);
  }
};
