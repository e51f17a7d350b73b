/**
 * What the customer actually wrote, without the quoted history and signature their mail client
 * appended. The agent reads this; the full body stays in the raw item.
 *
 * Cuts at the first reply header ("On … wrote:", Outlook's "From:/Sent:" block, "-----Original
 * Message-----"), signature delimiter ("-- ") or mobile footer, and drops `>`-quoted lines.
 * Forwarded messages are kept: a customer forwarding something wants it read.
 */

// "On Mon, 5 Jan 2026 at 09:00, Ann <ann@example.com> wrote:" and its common translations.
const REPLY_HEADER = [
  /^On\b.{0,300}\bwrote:$/i,
  /^Le\b.{0,300}\ba écrit\s?:$/i,
  /^Am\b.{0,300}\bschrieb.{0,100}:$/i,
  /^El\b.{0,300}\bescribió:$/i,
  /^Il\b.{0,300}\bha scritto:$/i,
  /^Op\b.{0,300}\bschreef.{0,100}:$/i,
  /^Em\b.{0,300}\bescreveu:$/i,
];
const ORIGINAL_MESSAGE = /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}$/i;
const OUTLOOK_FROM = /^\*?(From|Von|De|Da):\*?\s.+/i;
const OUTLOOK_SENT = /^\*?(Sent|Date|Gesendet|Envoyé|Enviado|Inviato):\*?\s.+/i;
const MOBILE_FOOTER = /^(Sent from my \S+|Sent from (Mail|Outlook) for \S+|Get Outlook for \S+|Envoyé de mon \S+|Von meinem \S+ gesendet)/i;
const QUOTED = /^\s*>/;

const isReplyHeader = (line: string, next: string | undefined): boolean => {
  if (REPLY_HEADER.some((re) => re.test(line))) return true;
  // Gmail folds a long "On … wrote:" over two lines.
  return next !== undefined && !QUOTED.test(next) && REPLY_HEADER.some((re) => re.test(`${line} ${next.trim()}`));
};

const isOutlookHeader = (trimmed: string[], i: number): boolean =>
  OUTLOOK_FROM.test(trimmed[i] ?? '') && trimmed.slice(i + 1, i + 4).some((l) => OUTLOOK_SENT.test(l));

const isCutPoint = (lines: string[], trimmed: string[], i: number): boolean => {
  const line = trimmed[i] ?? '';
  return (
    lines[i] === '-- ' ||
    line === '--' ||
    ORIGINAL_MESSAGE.test(line) ||
    MOBILE_FOOTER.test(line) ||
    isReplyHeader(line, lines[i + 1]) ||
    isOutlookHeader(trimmed, i) ||
    // Outlook draws a rule above its header block.
    (/^_{10,}$/.test(line) && isOutlookHeader(trimmed, i + 1))
  );
};

export const stripQuotedReply = (body: string): string => {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const trimmed = lines.map((l) => l.trim());
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (isCutPoint(lines, trimmed, i)) {
      end = i;
      break;
    }
  }
  const kept = lines
    .slice(0, end)
    .filter((line) => !QUOTED.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // A message that is nothing but a quote (or a signature) is better shown whole than empty.
  return kept === '' ? body.trim() : kept;
};
