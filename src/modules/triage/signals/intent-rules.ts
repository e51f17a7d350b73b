/**
 * The built-in intent taxonomy and its lexical rules. The rules do two jobs: they weak-label the
 * training pool for the intent model (scripts/train/train-intent.ts), and at run time a rule hit
 * nudges the model's probabilities (the model generalises past the rules' words; the rules keep
 * the obvious cases right).
 */
export const INTENTS = [
  'question', 'complaint', 'bug_report', 'outage_report', 'billing', 'feature_request', 'praise',
  'purchase_intent', 'churn_risk', 'spam', 'other',
] as const;
export type Intent = (typeof INTENTS)[number];

/** In priority order: when several rules fire, the first listed is the weak label. */
export const INTENT_RULES: [Intent, RegExp][] = [
  ['spam', /\b(?:follow (?:me|back|for follow)|check out my|click (?:here|the link|link in bio)|free (?:followers|likes|gift ?cards?|money|iphone|bitcoin|crypto)|giveaway|win an? (?:free|new|iphone|gift)|earn \$?\d+|make money (?:online|fast|from home)|work from home|forex|airdrop|dm (?:me|us) for (?:promo|collab|price)|promo code|onlyfans|subscribe to my|visit my (?:page|channel|profile)|cheap (?:followers|likes)|100% free|concurso)\b/],
  ['outage_report', /\b(?:outages?|(?:is|are|went|been|still|site|app|service|server|servers|network|internet|wifi|system|psn|xbox live) down|down (?:again|for|since|right now|in my area)|(?:no|lost) (?:service|signal|internet|connection|power|wifi|network)|anyone else (?:having|getting|experiencing)|is it just me|everyone around is restored|not loading for anyone)\b/],
  ['churn_risk', /\b(?:cancel(?:l?ing|l?ed)? (?:my|our|the) (?:account|subscription|service|contract|membership|plan|order)|cancel(?:l?ing)? (?:you|it all)|switch(?:ing)? (?:to|providers?|carriers?|banks?)|close my account|closing my account|done with (?:you|this|your)|never (?:again|coming back|buying|using|flying|ordering|shopping)|taking my (?:business|money) elsewhere|another (?:airline|carrier|provider|bank) (?:may|will)|port(?:ing)? my number|time to (?:leave|switch))\b/],
  ['bug_report', /\b(?:bug|glitch(?:es|ing|y)?|error(?: message| code)?|crash(?:es|ed|ing)?|freez(?:es|ing)|frozen|keeps (?:crashing|freezing|logging me out|saying|giving me)|won'?t (?:even )?(?:open|load|sync|update|install|let me|work)|fix (?:your|the) (?:app|site|website|bug)|doesn'?t (?:work|load|open|sync)|does not work|not working|stopped working|can'?t (?:log ?in|sign ?in|login|update|download|install)|(?:says|said) (?:incorrect|invalid|error)|after (?:the|this|an?) (?:update|upgrade)|since (?:the|this) (?:update|upgrade)|corrupt(?:ed)?|stuck on)\b/],
  ['billing', /\b(?:bill(?:ed|ing|s)?|charg(?:e|ed|es|ing)|overcharg\w*|double charged|refund(?:ed|s)?|invoice|payment|paid|subscription fee|fees?|price (?:increase|went up|hike)|credit (?:card|on my account)|money back|transaction|statement|direct debit|pricing|\$\d+ (?:credit|charge|fee))\b/],
  ['feature_request', /\b(?:please add|would (?:love|be (?:nice|great|awesome|cool)) (?:if|to)|wish (?:you|it|there|they)|feature request|can you (?:add|make|bring)|you should (?:add|have|make|allow|let)|(?:needs|need) (?:a|an) (?:feature|option|way)|suggestion|it would be (?:great|nice|awesome|helpful) if|add (?:an? )?option|bring (?:it )?back|let us|lower the|put the .{1,30} option)\b/],
  ['purchase_intent', /\b(?:want to (?:buy|order|get|purchase|upgrade)|looking (?:to buy|for a new)|thinking (?:of|about) (?:buying|getting|switching to|ordering)|where can i (?:buy|get|order)|how much (?:is|are|does|for)|price (?:of|for)|in stock|back in stock|do you (?:sell|ship|deliver)|pre-?orders?|interested in (?:buying|your)|get a quote|can i (?:come back|rejoin)|sign me up)\b/],
  ['praise', /\b(?:thank(?:s| you)(?: so much| for (?:the|your|helping|sorting|fixing))|love (?:you|it|this|my new|the new|your)|you(?:'re| are) (?:awesome|amazing|the best|great)|great (?:job|service|work|experience|customer service)|best (?:customer service|service|airline|company)|kudos|shout ?out to|appreciate (?:it|you|your)|you rock|well done|excellent service|fantastic|brilliant service|pay rise)\b/],
  ['question', /(?:\?|^(?:@user )*(?:how|what|when|where|why|who|which|can|could|is|are|do|does|did|will|would|should|may|any ?one|anybody)\b|\b(?:any idea|anyone know|does anyone|how (?:do|can|to) i|i have a question|wondering (?:if|whether|how))\b)/],
];

export interface RuleHit {
  intent: Intent;
  evidence: string;
}

/** Every rule that fires on already lower-cased, tokenised text (links → http, users → @user). */
export const intentRuleHits = (normText: string): RuleHit[] => {
  const hits: RuleHit[] = [];
  for (const [intent, re] of INTENT_RULES) {
    const m = re.exec(normText);
    if (m) hits.push({ intent, evidence: m[0].trim() || '?' });
  }
  return hits;
};
