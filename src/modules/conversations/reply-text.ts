/**
 * The text of a reply before it enters the outbox: canned-reply variables filled in, the agent's
 * persona signed, and the channel's length limit checked. Pure.
 */

const VARIABLE = /\{\{\s*([a-zA-Z][\w]*(?:\.[a-zA-Z][\w]*)*)\s*\}\}/g;

/** The variables a template uses, in order of first use. */
export const templateVariables = (template: string): string[] => [...new Set([...template.matchAll(VARIABLE)].map((m) => m[1]!))];

/**
 * Fills `{{customer.name}}`-style variables. A variable without a value is reported, never left
 * in the text: braces must not reach a customer.
 */
export const renderTemplate = (template: string, values: Record<string, string | null | undefined>): { text: string; missing: string[] } => {
  const missing = new Set<string>();
  const text = template.replace(VARIABLE, (_all, name: string) => {
    const v = values[name];
    if (v === undefined || v === null || v === '') {
      missing.add(name);
      return '';
    }
    return v;
  });
  return { text, missing: [...missing] };
};

/** "Thanks, we're on it ^JS": many agents answering through one brand account, each recognisable. */
export const signWithPersona = (text: string, persona: string | null | undefined): string => {
  const p = persona?.trim();
  if (!p) return text;
  const mark = p.startsWith('^') || p.startsWith('-') ? p : `^${p}`;
  return text.trimEnd().endsWith(mark) ? text : `${text.trimEnd()} ${mark}`;
};

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Length as people and most networks count it: user-perceived characters (an emoji is one). */
export const textLength = (text: string): number => {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
};

export interface LengthCheck {
  ok: boolean;
  length: number;
  maxLength: number | null;
  /** The connector will split it into a thread of posts. */
  willThread: boolean;
  reason?: string;
}

export const checkLength = (text: string, limits: { maxLength: number | null; canThread: boolean }, channelName: string): LengthCheck => {
  const length = textLength(text);
  const { maxLength, canThread } = limits;
  if (maxLength === null || length <= maxLength) return { ok: true, length, maxLength, willThread: false };
  if (canThread) return { ok: true, length, maxLength, willThread: true };
  return {
    ok: false,
    length,
    maxLength,
    willThread: false,
    reason: `The reply is ${length} characters; ${channelName} allows ${maxLength} and cannot split a reply into a thread`,
  };
};
