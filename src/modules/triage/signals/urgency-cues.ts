/**
 * Urgency cues in a mention's text (outage, safety, legal threat, media, cancellation, repeated
 * contact, waiting) plus the ones the caller knows (repeat contacts, how long the customer waits).
 * Each cue keeps the words that triggered it, so a reason can quote them ("says 'cancel'").
 */
export const URGENCY_CUES = ['outage', 'safety', 'legal', 'media', 'cancellation', 'repeated_contact', 'waiting'] as const;
export type UrgencyCue = (typeof URGENCY_CUES)[number];

export interface CueHit {
  cue: UrgencyCue;
  /** the words that matched, or a description for cues from context */
  evidence: string;
}

const NEG = String.raw`(?:not|isn'?t|aren'?t|wasn'?t|doesn'?t|don'?t|can'?t|cannot|won'?t|couldn'?t|unable to)`;

export const CUE_PATTERNS: Record<Exclude<UrgencyCue, 'waiting'>, RegExp> = {
  outage: new RegExp(
    String.raw`\b(?:outages?|(?:is|are|went|goes|been|still|all|site|app|service|server|servers|network|internet|wifi|system) down|down (?:again|for|since|right now)|not working|stopped working|${NEG} (?:work|load|connect|log ?in|sign ?in|access|open)(?:ing|s)?|no (?:service|signal|internet|connection|power|wifi|network)|offline|crash(?:ed|es|ing)?|error \d{3}|\d{3} error|unavailable|not loading|won'?t load)\b`,
  ),
  safety: /\b(?:fire|smoke|smoking|caught fire|burn(?:ed|t|ing|s)?|explod(?:e|ed|ing)|explosion|injur(?:y|ies|ed)|hurt (?:me|my|him|her)|unsafe|dangerous|danger|hazard(?:ous)?|electrocut\w*|poison(?:ed|ing)?|allergic reaction|chok(?:e|ed|ing)|carbon monoxide|gas leak|food poisoning|sick after|hospital|recall)\b/,
  legal: /\b(?:lawyers?|attorneys?|solicitors?|sue|suing|lawsuit|legal action|take (?:you|this|them) to court|court|small claims|ombudsman|regulator|fcc|ftc|cfpb|ofcom|bbb|better business bureau|trading standards|consumer protection|class action|chargeback)\b/,
  media: /\b(?:journalists?|reporters?|the press|(?:contact|tell|call|going to|go to)(?:ing)? (?:the )?(?:media|press|news)|news (?:station|outlet)|go(?:ing)? viral|watchdog|blog(?:ging)? about|write (?:a|an) (?:article|story|review) about|tv station)\b/,
  cancellation: /\b(?:cancel(?:l?ing|l?ed|lation)?|unsubscrib\w*|switch(?:ing)? (?:to|providers?|carriers?|banks?)|close my account|closing my account|terminat(?:e|ing) (?:my|the) (?:account|contract|service)|done with (?:you|this|your)|never (?:again|buying|using|flying|ordering)|taking my (?:business|money) elsewhere|leaving (?:you|for)|port(?:ing)? my number|refund)\b/,
  repeated_contact: /\b(?:again|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|(?:\d+|two|three|four|five|six|several|multiple|many|countless) (?:times|calls|emails|messages|tweets|dms|attempts)|still (?:waiting|no|not|nothing|haven'?t)|no ?(?:one|body) (?:has )?(?:replied|responded|answered|gets back|got back|called back)|been waiting|for (?:days|weeks|hours|months)|keep (?:calling|trying|asking)|no response|no reply|yet again|every time)\b/,
};

/** cue words that mean nothing for some intents (e.g. "refund" is billing, not churn) stay cues; the model decides intent */
export const findTextCues = (lowerText: string): CueHit[] => {
  const hits: CueHit[] = [];
  for (const cue of URGENCY_CUES) {
    if (cue === 'waiting') continue;
    const m = CUE_PATTERNS[cue].exec(lowerText);
    if (m) hits.push({ cue, evidence: m[0] });
  }
  return hits;
};
