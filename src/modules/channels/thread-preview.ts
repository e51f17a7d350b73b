import { splitForThread as splitForBluesky } from './bluesky/split-text.ts';
import { codePointLength, splitForThread, xWeightedLength } from './x/split-text.ts';

/**
 * The posts a long reply becomes on a network that threads, as its connector will split it (the
 * same functions), for the composer to show before sending. Mastodon's connector also starts each
 * part with the @mention of the person answered, which the preview leaves out.
 */
export const previewThreadParts = (kind: string, text: string, maxLength: number): string[] => {
  if (kind === 'bluesky') return splitForBluesky(text, maxLength);
  if (kind === 'x') return splitForThread(text, maxLength, xWeightedLength);
  return splitForThread(text, maxLength, codePointLength);
};
