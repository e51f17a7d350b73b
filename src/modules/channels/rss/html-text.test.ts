import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToText } from './html-text.ts';

describe('htmlToText', () => {
  it('keeps the words, decodes entities and turns blocks into lines', () => {
    assert.equal(htmlToText('<p>Hello <b>world</b> &amp; caf&eacute;&nbsp;&#8212; ok</p><p>Line<br>two</p><ul><li>a</li><li>b</li></ul>'), 'Hello world & café — ok\nLine\ntwo\na\nb');
  });

  it('drops scripts, styles and comments, and never lets markup through', () => {
    const text = htmlToText('<style>p{}</style>x<!-- <b>hidden</b> --><script>alert(1)</script> <img src=x onerror=alert(2)>y <a href="a>b">link</a>');
    assert.equal(text, 'x y link');
    assert.doesNotMatch(htmlToText('<scr<script>ipt>alert(1)</script>'), /<script/);
  });

  it('leaves plain text alone apart from whitespace', () => {
    assert.equal(htmlToText('  plain   text \n\n\n\n next  '), 'plain text\n\nnext');
  });
});
