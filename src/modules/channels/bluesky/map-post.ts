import { AtUri, type AppBskyActorDefs, type AppBskyFeedDefs, type AppBskyNotificationListNotifications } from '@atproto/api';
import type { InboundAttachment, InboundAuthor, InboundItem } from '../connector.ts';

/** What the connector reads of an `app.bsky.feed.post` record (the lexicon's fields, loosely checked). */
interface PostRecord {
  text: string;
  createdAt?: string;
  reply?: { root?: { uri?: string }; parent?: { uri?: string } };
  embed?: { $type?: string; images?: Array<{ image?: BlobJson; alt?: string }>; media?: PostRecord['embed'] };
}

interface BlobJson {
  mimeType?: string;
  size?: number;
}

type AnyProfile = AppBskyActorDefs.ProfileViewBasic | AppBskyActorDefs.ProfileView | AppBskyActorDefs.ProfileViewDetailed;

export interface MapOptions {
  brandDid: string;
  /** getProfiles results by DID, for follower counts; missing profiles leave `followers` null. */
  profiles: ReadonlyMap<string, AppBskyActorDefs.ProfileViewDetailed>;
  fromSearch: boolean;
}

const WEB = 'https://bsky.app';

const asPostRecord = (record: unknown): PostRecord => {
  const r = (record && typeof record === 'object' ? record : {}) as Record<string, unknown>;
  return { ...(r as object), text: typeof r['text'] === 'string' ? r['text'] : '' } as PostRecord;
};

/** A handle Bluesky could not verify is shown as `handle.invalid`; links then use the DID. */
const profileRef = (author: { did: string; handle: string }): string =>
  author.handle && author.handle !== 'handle.invalid' ? author.handle : author.did;

export const postUrl = (author: { did: string; handle: string }, uri: string): string =>
  `${WEB}/profile/${profileRef(author)}/post/${new AtUri(uri).rkey}`;

/** The record's own time when it is a real date (clients set it; it can be missing or odd), else the index time. */
export const authoredAt = (createdAt: string | undefined, indexedAt: string): Date => {
  const created = createdAt ? new Date(createdAt) : null;
  if (created && Number.isFinite(created.getTime())) return created;
  return new Date(indexedAt);
};

/** The time lists are sorted by: the earlier of creation and indexing (as the AppView's `sortAt`). */
export const sortTime = (createdAt: string | undefined, indexedAt: string): Date => {
  const indexed = new Date(indexedAt);
  const created = createdAt ? new Date(createdAt) : null;
  if (created && Number.isFinite(created.getTime()) && created < indexed) return created;
  return indexed;
};

const verifiedOf = (profile: AnyProfile): boolean | null => {
  const v = profile.verification;
  if (!v) return null;
  return v.verifiedStatus === 'valid' || v.trustedVerifierStatus === 'valid';
};

export const authorOf = (author: AnyProfile, detailed: AppBskyActorDefs.ProfileViewDetailed | undefined): InboundAuthor => ({
  externalId: author.did,
  handle: author.handle,
  displayName: author.displayName || detailed?.displayName || null,
  followers: detailed?.followersCount ?? null,
  verified: verifiedOf(detailed ?? author),
  profileUrl: `${WEB}/profile/${profileRef(author)}`,
  avatarUrl: author.avatar ?? null,
});

/** Images as attachments: size and type from the record's blob, the URL from the view's CDN link. */
const attachmentsOf = (record: PostRecord, embedView: unknown): InboundAttachment[] => {
  const media = record.embed?.images ? record.embed : record.embed?.media;
  const images = media?.images ?? [];
  const view = embedView as { images?: Array<{ fullsize?: string }>; media?: { images?: Array<{ fullsize?: string }> } } | undefined;
  const viewImages = view?.images ?? view?.media?.images ?? [];
  return images.map((img, i) => {
    const contentType = img.image?.mimeType ?? 'image/jpeg';
    const url = viewImages[i]?.fullsize;
    return {
      filename: `image-${i + 1}.${contentType.split('/')[1] ?? 'jpg'}`,
      contentType,
      size: img.image?.size ?? 0,
      ...(url ? { url } : {}),
    };
  });
};

/** A post as the AppView shows it (`getPosts`, `searchPosts`) → one inbound item; raw is the post view. */
export const postViewToItem = (post: AppBskyFeedDefs.PostView, opts: MapOptions): InboundItem => {
  const record = asPostRecord(post.record);
  const attachments = attachmentsOf(record, post.embed);
  return {
    externalId: post.uri,
    kind: record.reply ? 'reply' : 'post',
    visibility: 'public',
    text: record.text,
    url: postUrl(post.author, post.uri),
    authoredAt: authoredAt(record.createdAt, post.indexedAt),
    author: authorOf(post.author, opts.profiles.get(post.author.did)),
    inReplyTo: record.reply?.parent?.uri ?? null,
    threadRoot: record.reply?.root?.uri ?? null,
    isOwn: post.author.did === opts.brandDid,
    engagement: { likes: post.likeCount ?? 0, reposts: post.repostCount ?? 0, replies: post.replyCount ?? 0 },
    ...(attachments.length ? { attachments } : {}),
    ...(opts.fromSearch ? { fromSearch: true } : {}),
    raw: post,
  };
};

type Notification = AppBskyNotificationListNotifications.Notification;

/**
 * A notification whose post the AppView no longer returns (deleted, or hidden by a block) is kept
 * from what the notification itself carries; raw is then the notification.
 */
export const notificationToItem = (n: Notification, opts: MapOptions): InboundItem => {
  const author = authorOf(n.author, opts.profiles.get(n.author.did));
  if (n.reason === 'repost') {
    const subject = n.reasonSubject ?? (n.record as { subject?: { uri?: string } }).subject?.uri ?? null;
    return {
      externalId: n.uri,
      kind: 'repost',
      visibility: 'public',
      text: '',
      url: subject ? postUrl({ did: new AtUri(subject).host, handle: '' }, subject) : null,
      authoredAt: authoredAt((n.record as { createdAt?: string }).createdAt, n.indexedAt),
      author,
      repostOf: subject,
      isOwn: n.author.did === opts.brandDid,
      raw: n,
    };
  }
  const record = asPostRecord(n.record);
  return {
    externalId: n.uri,
    kind: record.reply ? 'reply' : 'post',
    visibility: 'public',
    text: record.text,
    url: postUrl(n.author, n.uri),
    authoredAt: authoredAt(record.createdAt, n.indexedAt),
    author,
    inReplyTo: record.reply?.parent?.uri ?? null,
    threadRoot: record.reply?.root?.uri ?? null,
    isOwn: n.author.did === opts.brandDid,
    raw: n,
  };
};
