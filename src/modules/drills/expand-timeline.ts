import type { InboundItem } from '../channels/index.ts';
import type { DrillChannelKind, Scenario, ScenarioAuthor, ScenarioEntry } from '../../contracts/drills.ts';
import { seededRandom } from '../../platform/random/index.ts';

/**
 * A scenario's timeline as the items a network would deliver, in time order. Repeated entries
 * (`count`) become different people saying much the same thing, spread over `over` minutes.
 * Deterministic: the same scenario and run always give the same external ids, authors and
 * texts, which is what lets a restarted drill re-inject what is due without storing anything twice.
 */
export interface DrillItem {
  /** Scenario time, in ms from the drill's start (before the speed-up). */
  offsetMs: number;
  channel: DrillChannelKind;
  item: Omit<InboundItem, 'authoredAt'>;
}

const MINUTE = 60_000;

export const drillExternalId = (runId: string, entry: number, copy: number): string => `drill:${runId}:${entry}:${copy}`;

export const expandTimeline = (scenario: Scenario, runId: string): DrillItem[] => {
  const firstCopyOf = new Map<string, string>();
  const out: DrillItem[] = [];
  for (const [i, entry] of scenario.timeline.entries()) {
    const count = entry.count ?? 1;
    const over = entry.over ?? (count > 1 ? 1 : 0);
    const texts = [entry.text, ...(entry.variations ?? [])];
    const random = seededRandom(i + 1);
    for (let k = 0; k < count; k++) {
      const externalId = drillExternalId(runId, i, k);
      if (k === 0 && entry.id) firstCopyOf.set(entry.id, externalId);
      const author = k === 0 ? entry.author : variantAuthor(entry.author, entry.channel, k, random);
      const parent = entry.replyTo ? (firstCopyOf.get(entry.replyTo) ?? null) : null;
      out.push({
        offsetMs: Math.round((entry.at + (count > 1 ? (over * k) / count : 0)) * MINUTE),
        channel: entry.channel,
        item: toItem(entry, externalId, author, texts[k % texts.length]!, parent),
      });
    }
  }
  // Stable: entries at the same minute keep the file's order.
  return out.map((d, n) => ({ d, n })).sort((a, b) => a.d.offsetMs - b.d.offsetMs || a.n - b.n).map((x) => x.d);
};

const toItem = (entry: ScenarioEntry, externalId: string, author: ScenarioAuthor, text: string, parent: string | null): Omit<InboundItem, 'authoredAt'> => {
  const isPrivate = entry.private === true || entry.channel === 'email' || entry.channel === 'webchat';
  return {
    externalId,
    kind: entry.channel === 'email' ? 'email' : entry.channel === 'webchat' ? 'chat' : entry.private ? 'dm' : parent ? 'reply' : 'post',
    visibility: isPrivate ? 'private' : 'public',
    text,
    ...(entry.channel === 'email' ? { title: 'DRILL: ' + text.slice(0, 60) } : {}),
    // Drill authors live apart from real ones: a drill never touches a real customer's record.
    author: {
      externalId: `drill:${author.handle.toLowerCase()}`,
      handle: author.handle,
      displayName: author.name ?? null,
      followers: author.followers ?? 0,
      verified: author.verified ?? false,
    },
    inReplyTo: parent,
    raw: { drill: true },
  };
};

const FIRST = ['sam', 'alex', 'jo', 'chris', 'noor', 'lee', 'ana', 'mo', 'kai', 'ria', 'ben', 'zoe', 'ivan', 'mia', 'raj', 'eva', 'tariq', 'lucy', 'femi', 'hana'];
const LAST = ['patel', 'jones', 'nguyen', 'smith', 'garcia', 'kim', 'okoro', 'silva', 'brown', 'cohen', 'ali', 'novak', 'reyes', 'walsh', 'moreau', 'tan'];

/** Another person for a repeated entry: a plausible handle on that network, a similar audience. */
const variantAuthor = (base: ScenarioAuthor, channel: DrillChannelKind, k: number, random: () => number): ScenarioAuthor => {
  const first = FIRST[Math.floor(random() * FIRST.length)]!;
  const last = LAST[Math.floor(random() * LAST.length)]!;
  const n = k + Math.floor(random() * 90);
  const handle =
    channel === 'bluesky' ? `${first}-${last}${n}.bsky.social`
    : channel === 'mastodon' ? `${first}${n}@mastodon.social`
    : channel === 'email' ? `${first}.${last}${n}@example.net`
    : `${first}_${last}${n}`;
  const followers = Math.round((base.followers ?? 100) * (0.3 + random() * 2.7));
  return { handle, name: `${cap(first)} ${cap(last)}`, followers, verified: false };
};

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** When the timeline's last mention is due, in scenario ms. */
export const timelineLengthMs = (items: DrillItem[]): number => items.reduce((m, d) => Math.max(m, d.offsetMs), 0);
