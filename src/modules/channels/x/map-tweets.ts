import type { ApiV2Includes, TweetV2, UserV2 } from 'twitter-api-v2';
import type { InboundAuthor, InboundItem } from '../connector.ts';

/**
 * X API v2 tweets (with `includes` from the `author_id` and `referenced_tweets.id` expansions)
 * to InboundItems. A reply names its parent from `referenced_tweets` (`replied_to`), the thread
 * from `conversation_id`; a retweet becomes a `repost` of the original so it collapses into it.
 */
export const TWEET_FIELDS = ['created_at', 'author_id', 'conversation_id', 'in_reply_to_user_id', 'referenced_tweets', 'public_metrics', 'lang', 'note_tweet', 'entities'];
export const USER_FIELDS = ['public_metrics', 'verified', 'username', 'name', 'profile_image_url'];
export const EXPANSIONS = ['author_id', 'referenced_tweets.id', 'referenced_tweets.id.author_id'];

export interface MapOptions {
  ownUserId: string;
  fromSearch: boolean;
  /** Used when a tweet comes without `created_at` (never, with the fields above). */
  now: Date;
}

export const mapTweets = (data: TweetV2[] | undefined, includes: ApiV2Includes | undefined, opts: MapOptions): InboundItem[] => {
  const users = new Map((includes?.users ?? []).map((u) => [u.id, u]));
  const tweets = new Map((includes?.tweets ?? []).map((t) => [t.id, t]));
  return (data ?? []).map((tweet) => mapTweet(tweet, users, tweets, opts));
};

const mapTweet = (tweet: TweetV2, users: Map<string, UserV2>, tweets: Map<string, TweetV2>, opts: MapOptions): InboundItem => {
  const author = tweet.author_id ? users.get(tweet.author_id) : undefined;
  const repliedTo = tweet.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null;
  const retweeted = tweet.referenced_tweets?.find((r) => r.type === 'retweeted')?.id ?? null;
  const original = retweeted ? tweets.get(retweeted) : undefined;
  const metrics = tweet.public_metrics;
  const referenced = (tweet.referenced_tweets ?? []).map((r) => tweets.get(r.id)).filter((t): t is TweetV2 => t !== undefined);
  return {
    externalId: tweet.id,
    kind: retweeted ? 'repost' : repliedTo ? 'reply' : 'post',
    visibility: 'public',
    // A retweet's own text is a truncated "RT @…"; the original says it whole. Long posts
    // (over 280) carry their full text in note_tweet.
    text: (original?.note_tweet?.text ?? original?.text) ?? tweet.note_tweet?.text ?? tweet.text,
    url: author ? `https://x.com/${author.username}/status/${tweet.id}` : `https://x.com/i/web/status/${tweet.id}`,
    authoredAt: tweet.created_at ? new Date(tweet.created_at) : opts.now,
    author: author ? userAsAuthor(author) : unknownAuthor(tweet.author_id),
    inReplyTo: repliedTo,
    threadRoot: tweet.conversation_id ?? null,
    repostOf: retweeted,
    isOwn: tweet.author_id === opts.ownUserId,
    engagement: metrics ? { likes: metrics.like_count, reposts: metrics.retweet_count, replies: metrics.reply_count } : undefined,
    fromSearch: opts.fromSearch,
    // Self-contained: the tweet with the users and tweets it references, in the API's own shape.
    raw: {
      data: tweet,
      includes: {
        users: [author, ...referenced.map((t) => (t.author_id ? users.get(t.author_id) : undefined))].filter(
          (u, i, all): u is UserV2 => u !== undefined && all.findIndex((x) => x?.id === u.id) === i,
        ),
        tweets: referenced,
      },
    },
  };
};

export const userAsAuthor = (user: UserV2): InboundAuthor => ({
  externalId: user.id,
  handle: user.username,
  displayName: user.name ?? null,
  followers: user.public_metrics?.followers_count ?? null,
  verified: user.verified ?? null,
  profileUrl: `https://x.com/${user.username}`,
  avatarUrl: user.profile_image_url ?? null,
});

const unknownAuthor = (id: string | undefined): InboundAuthor => ({
  externalId: id ?? 'unknown',
  handle: id ? `id:${id}` : 'unknown',
});
