import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadShippedJson } from '../shipped-models.ts';
import { tokenize } from '../text/tokenize.ts';
import { buildLanguageDetector, languageText, type LanguageProfilesJson } from './detect-language.ts';

const detector = buildLanguageDetector(loadShippedJson<LanguageProfilesJson>('language'));
const detect = (text: string) => detector(languageText(tokenize(text).words));

test('tells common languages apart in tweet-length text', () => {
  assert.equal(detect('@comcast my internet has been down all morning, please fix it').language, 'en');
  assert.equal(detect('Mi pedido no ha llegado todavía y nadie me responde').language, 'es');
  assert.equal(detect("Ma commande n'est toujours pas arrivée, personne ne répond").language, 'fr');
  assert.equal(detect('Meine Bestellung ist immer noch nicht angekommen').language, 'de');
  assert.equal(detect('注文した商品がまだ届きません').language, 'ja');
  assert.equal(detect('Моє замовлення досі не прийшло').language, 'uk');
});

test('too little text, emoji or garbage is undetermined with low confidence', () => {
  for (const text of ['', 'ok', '😡😡😡', '\u0000\u0001', 'http://x.y @someone #tag']) {
    const g = detect(text);
    assert.equal(g.language, 'und', text);
    assert.ok(g.confidence < 0.1);
  }
});
