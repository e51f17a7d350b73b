/**
 * Who a note mentions. People write `@jo@acme.test`, `@jo`, `@Jo Smith` or `@josmith`: a member is
 * mentioned when `@` is followed by their email, the local part of it, their full name (spaces
 * and case ignored) or their first name when no other member shares it. Pure.
 */
export interface MentionableMember {
  id: string;
  name: string;
  email: string;
}

const squash = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Text after an `@`, up to a character that cannot continue a name or an address. */
const AT = /(?:^|[^\p{L}\p{N}._%+-])@([\p{L}\p{N}._%+-]+(?:@[\p{L}\p{N}.-]+)?(?:[ \t]+[\p{L}\p{N}'-]+){0,3})/gu;

export const findMentionedMembers = (text: string, members: readonly MentionableMember[]): string[] => {
  const firstNames = new Map<string, string[]>();
  for (const m of members) {
    const first = squash(m.name.split(/\s+/)[0] ?? '');
    if (first) firstNames.set(first, [...(firstNames.get(first) ?? []), m.id]);
  }
  const found = new Set<string>();
  for (const match of text.matchAll(AT)) {
    const words = (match[1] ?? '').split(/[ \t]+/);
    // Try the longest reading first: "@Jo Smith thanks" is Jo Smith, not Jo and a word "Smith".
    for (let n = words.length; n >= 1; n--) {
      const candidate = words.slice(0, n).join(' ').replace(/[.,;:!?]+$/u, '');
      const hit = memberFor(candidate, n, members, firstNames);
      if (hit) {
        found.add(hit);
        break;
      }
    }
  }
  return [...found];
};

const memberFor = (candidate: string, words: number, members: readonly MentionableMember[], firstNames: Map<string, string[]>): string | null => {
  const lower = candidate.toLowerCase();
  const flat = squash(candidate);
  if (!flat) return null;
  for (const m of members) {
    const email = m.email.toLowerCase();
    if (words === 1 && (lower === email || lower === email.split('@')[0])) return m.id;
  }
  for (const m of members) if (squash(m.name) === flat) return m.id;
  if (words === 1) {
    const same = firstNames.get(flat);
    if (same?.length === 1) return same[0]!;
  }
  return null;
};
