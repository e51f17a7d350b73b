#!/usr/bin/env node
// The `lookout` command: runs the compiled build when it is up to date, else the TypeScript sources through tsx.
import { isServerFresh, ROOT } from '../scripts/freshness.mjs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

if (isServerFresh()) {
  await import(pathToFileURL(path.join(ROOT, 'dist/src/cli/main.js')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(ROOT, 'src/cli/main.ts')).href);
}
