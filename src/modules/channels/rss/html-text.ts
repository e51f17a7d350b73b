import { Parser } from 'htmlparser2';

/**
 * Plain text from an HTML fragment (a feed entry's content, a Mastodon status). A real HTML
 * tokenizer rather than a regex, so `<scr<script>ipt>`, comments, CDATA and attributes holding `>`
 * cannot smuggle markup through; the result is text only and is always rendered escaped.
 * Script/style/template bodies are dropped, block elements become line breaks, entities decode.
 *
 * Shared with the Mastodon connector; it belongs in a shared channels/text helper once there is one.
 */
const DROPPED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'head', 'title']);
const BLOCKS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'blockquote', 'pre', 'section', 'article', 'header', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'dd', 'dt', 'dl', 'figure', 'figcaption', 'aside', 'nav', 'main',
]);

export const htmlToText = (html: string): string => {
  let out = '';
  let dropDepth = 0;
  const breakLine = (): void => {
    if (out !== '' && !out.endsWith('\n')) out += '\n';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (DROPPED.has(name)) dropDepth += 1;
        else if (dropDepth === 0 && BLOCKS.has(name)) breakLine();
      },
      onclosetag(name, isImplied) {
        if (DROPPED.has(name)) dropDepth = Math.max(0, dropDepth - 1);
        else if (dropDepth === 0 && BLOCKS.has(name) && !isImplied) breakLine();
        else if (dropDepth === 0 && name === 'br') breakLine();
      },
      ontext(text) {
        if (dropDepth > 0) return;
        // Source indentation between blocks is not content.
        if ((out === '' || out.endsWith('\n')) && !/\S/.test(text)) return;
        out += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return tidyWhitespace(out);
};

/** Collapse runs of spaces inside lines and blank-line runs, keep single line breaks. */
const tidyWhitespace = (text: string): string =>
  text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** True when a string looks like it carries markup, so plain-text fields are not mangled. */
export const looksLikeHtml = (s: string): boolean => /<[a-z!/][^>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(s);
