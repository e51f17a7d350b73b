/**
 * npm run train:language
 * Builds models/language.json: character-trigram profiles of ~50 widely used languages, taken from
 * franc's data (MIT; trigram ranks from the Universal Declaration of Human Rights), plus the ISO
 * 639-1 codes Lookout reports. Scoring is ours (src/modules/triage/language): franc itself is
 * ~2,000 texts/s and confuses English tweets with Scots, both too costly for the enrich stage.
 */
import { data } from 'franc/data.js';
import { writeJsonModel } from './write-model.ts';

/** franc (ISO 639-3) → the code Lookout reports (ISO 639-1) */
const TRIGRAM_LANGUAGES: Record<string, Record<string, string>> = {
  Latin: {
    eng: 'en', spa: 'es', por: 'pt', fra: 'fr', deu: 'de', ita: 'it', nld: 'nl', swe: 'sv', dan: 'da', nob: 'no',
    fin: 'fi', pol: 'pl', ces: 'cs', slk: 'sk', ron: 'ro', hun: 'hu', tur: 'tr', ind: 'id', vie: 'vi', tgl: 'tl',
    cat: 'ca', hrv: 'hr', slv: 'sl', ekk: 'et', lit: 'lt', lvs: 'lv', swh: 'sw', afr: 'af', als: 'sq', glg: 'gl',
  },
  Cyrillic: { rus: 'ru', ukr: 'uk', bul: 'bg', srp: 'sr', mkd: 'mk', bel: 'be', kaz: 'kk' },
  Arabic: { arb: 'ar', pes: 'fa', urd: 'ur' },
  Devanagari: { hin: 'hi', mar: 'mr', npi: 'ne' },
};

const profiles: Record<string, Record<string, string>> = {};
for (const [script, langs] of Object.entries(TRIGRAM_LANGUAGES)) {
  profiles[script] = {};
  for (const [franc, iso] of Object.entries(langs)) {
    const profile = (data as Record<string, Record<string, string>>)[script]?.[franc];
    if (!profile) throw new Error(`franc has no ${script}/${franc} profile`);
    profiles[script]![iso] = profile;
  }
}

writeJsonModel('language', {
  format: 'lookout-language/1',
  source: 'franc 6 trigram profiles (MIT), top 300 trigrams per language in rank order',
  profiles,
});
