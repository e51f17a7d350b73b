/**
 * A query's canonical text, from its parsed form: what the console shows after saving, and a
 * stable form to compare two queries. `parseQuery(formatQuery(ast))` gives back the same tree.
 */
import type { QueryNode } from './query-ast.ts';

export const formatQuery = (node: QueryNode): string => {
  switch (node.type) {
    case 'term':
      return node.word;
    case 'prefix':
      return `${node.prefix}*`;
    case 'phrase':
      return `"${node.words.join(' ')}"`;
    case 'hashtag':
      return `#${node.tag}`;
    case 'handle':
      return `@${node.handle}`;
    case 'not':
      return `-${node.child.type === 'and' || node.child.type === 'or' ? `(${formatQuery(node.child)})` : formatQuery(node.child)}`;
    case 'and':
      return node.children.map((c) => (c.type === 'or' ? `(${formatQuery(c)})` : formatQuery(c))).join(' ');
    case 'or':
      return node.children.map((c) => (c.type === 'and' ? `(${formatQuery(c)})` : formatQuery(c))).join(' OR ');
  }
};
