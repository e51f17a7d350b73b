import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FeedParseError, mapFeed } from './map-feed.ts';

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const fetchedAt = new Date('2026-01-05T10:00:00Z');

describe('mapFeed', () => {
  it('reads RSS 2.0: guid as id, content:encoded as plain text, dc:creator and <author> as authors', () => {
    const { format, title, items } = mapFeed(fixture('blog.rss.xml'), { url: 'https://gadgetweekly.example/feed/' }, fetchedAt);
    assert.equal(format, 'rss');
    assert.equal(title, 'Gadget Weekly');
    assert.equal(items.length, 3);
    const [review, chargers, note] = items;
    assert.equal(review?.externalId, 'https://gadgetweekly.example/?p=4812');
    assert.equal(review?.kind, 'article');
    assert.equal(review?.visibility, 'public');
    assert.equal(review?.title, 'Acme Pro 3 review: great battery, flaky Bluetooth');
    assert.equal(review?.url, 'https://gadgetweekly.example/2026/01/acme-pro-3-review/');
    assert.equal(
      review?.text,
      'The Acme Pro 3 lasts two full days on a charge.\nPairing, though, drops every few hours – a firmware fix is promised.\nVerdict: 7/10 & worth it on sale.',
    );
    assert.doesNotMatch(review?.text ?? '', /tracking|<|script/);
    assert.equal(review?.authoredAt.toISOString(), '2026-01-05T08:00:00.000Z');
    assert.equal(review?.author.handle, 'Dana Whitfield');
    assert.equal(review?.author.externalId, 'https://gadgetweekly.example/feed/#author=Dana%20Whitfield');

    assert.equal(chargers?.author.externalId, 'editor@gadgetweekly.example');
    assert.equal(chargers?.author.displayName, 'Sam Ortiz');
    assert.equal(chargers?.author.email, 'editor@gadgetweekly.example');

    // No guid: the link (made absolute against the feed URL) is the id; no author: the feed is.
    assert.equal(note?.externalId, 'https://gadgetweekly.example/2026/01/quick-note/');
    assert.equal(note?.text, 'Short note about Acme support hours.');
    assert.equal(note?.author.externalId, 'https://gadgetweekly.example/feed/');
    assert.equal(note?.author.handle, 'Gadget Weekly');
    assert.equal(note?.author.profileUrl, 'https://gadgetweekly.example/');
  });

  it('reads Atom: html and xhtml text constructs, relative links, inherited feed author', () => {
    const { format, items } = mapFeed(
      fixture('reviews.atom.xml'),
      { url: 'https://reviews.example/p/acme-pro-3.atom', kind: 'review' },
      fetchedAt,
    );
    assert.equal(format, 'atom');
    const [oneStar, fiveStar, threeStar] = items;
    assert.equal(oneStar?.kind, 'review');
    assert.equal(oneStar?.externalId, 'tag:reviews.example,2026:review/98121');
    assert.equal(oneStar?.title, '1 star: Stopped charging after a week');
    assert.equal(oneStar?.text, 'My Acme Pro 3 stopped charging after seven days. Support has not answered my ticket #5521.');
    assert.equal(oneStar?.url, 'https://reviews.example/r/98121');
    assert.equal(oneStar?.authoredAt.toISOString(), '2026-01-05T07:40:00.000Z', 'published wins over updated');
    assert.equal(oneStar?.author.externalId, 'priya.n@mail.example', 'email, lower-cased');
    assert.equal(oneStar?.author.profileUrl, 'https://reviews.example/u/priya-n');

    assert.equal(fiveStar?.text, 'Sound is superb and the case is tiny.');
    assert.equal(fiveStar?.authoredAt.toISOString(), '2026-01-04T21:10:00.000Z');
    assert.equal(fiveStar?.author.externalId, 'https://reviews.example/', 'the feed-level <author> applies');
    assert.equal(fiveStar?.author.handle, 'Reviews.example');

    assert.equal(threeStar?.title, '3 stars: fine');
    assert.equal(threeStar?.text, 'Fit is okay, app is clunky.');
    assert.equal(threeStar?.url, null);
  });

  it('reads RSS 1.0 (RDF): rdf:about as id, dc:date, dc:creator', () => {
    const { format, items } = mapFeed(fixture('forum.rdf.xml'), { url: 'https://forum.example/c/acme.rdf', name: 'Acme forum' }, fetchedAt);
    assert.equal(format, 'rdf');
    assert.deepEqual(
      items.map((i) => [i.externalId, i.authoredAt.toISOString(), i.author.handle]),
      [
        ['https://forum.example/t/firmware-4-2-broke-pairing/771', '2026-01-05T05:12:00.000Z', 'kettle_drum'],
        ['https://forum.example/t/case-hinge-cracked/768', '2026-01-04T19:30:00.000Z', 'mo'],
      ],
    );
    assert.equal(items[1]?.text, 'Hinge cracked after a month. photo');
  });

  it('reads JSON Feed 1.1: content_html or content_text, external_url, feed authors as fallback', () => {
    const { format, items } = mapFeed(fixture('alerts.json'), { url: 'https://alerts.example/acme/feed.json' }, fetchedAt);
    assert.equal(format, 'json');
    const [wire, blog] = items;
    assert.equal(wire?.externalId, 'alert-2026-01-05-0007');
    assert.equal(wire?.text, 'Acme said on Monday there is no recall planned for the Pro 3.');
    assert.equal(wire?.author.externalId, 'https://news.example/authors/wire');
    assert.equal(blog?.url, 'https://blog.example/acme-support-was-great');
    assert.equal(blog?.text, 'Shout-out to Acme support: replaced my case in two days.');
    assert.equal(blog?.title, null);
    assert.equal(blog?.authoredAt.toISOString(), '2026-01-04T23:00:00.000Z');
    assert.equal(blog?.author.externalId, 'https://alerts.example/');
  });

  it('stamps undated entries with the fetch time and gives id-less, link-less entries a stable id', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://t.example/</link><description>d</description>
      <item><title>No id, no link, no date</title><description>body</description></item></channel></rss>`;
    const a = mapFeed(rss, { url: 'https://t.example/feed' }, fetchedAt).items[0];
    const b = mapFeed(rss, { url: 'https://t.example/feed' }, new Date()).items[0];
    assert.equal(a?.authoredAt.toISOString(), fetchedAt.toISOString());
    assert.match(a?.externalId ?? '', /^https:\/\/t\.example\/feed#sha256=[0-9a-f]{64}$/);
    assert.equal(a?.externalId, b?.externalId);
  });

  it('keeps the raw entry, JSON-serialisable, with the feed it came from', () => {
    const item = mapFeed(fixture('alerts.json'), { url: 'https://alerts.example/acme/feed.json' }, fetchedAt).items[0];
    const raw = JSON.parse(JSON.stringify(item?.raw)) as { feedUrl: string; format: string; entry: { id: string } };
    assert.equal(raw.feedUrl, 'https://alerts.example/acme/feed.json');
    assert.equal(raw.format, 'json');
    assert.equal(raw.entry.id, 'alert-2026-01-05-0007');
  });

  it('refuses what is not a feed', () => {
    for (const body of ['<html><body>Maintenance</body></html>', '{"status":"ok"}', '', '\u0000\u0001binary']) {
      assert.throws(() => mapFeed(body, { url: 'https://t.example/feed' }, fetchedAt), FeedParseError);
    }
  });
});
