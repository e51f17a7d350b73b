// Whether the compiled output is older than its sources: shared by `npm start` and bin/lookout.js.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const newestMtime = (dir, skip = () => false) => {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (skip(p, entry)) continue;
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p, skip) : statSync(p).mtimeMs);
  }
  return newest;
};

const stampTime = (stamp) => (existsSync(stamp) ? statSync(stamp).mtimeMs : 0);

export const serverStamp = path.join(ROOT, 'dist/.build-stamp');
export const isServerFresh = () => {
  const built = stampTime(serverStamp);
  return built > 0 && built >= Math.max(newestMtime(path.join(ROOT, 'src')), statSync(path.join(ROOT, 'package.json')).mtimeMs);
};

export const webStamp = path.join(ROOT, 'web/dist/.build-stamp');
export const isWebFresh = () => {
  if (!existsSync(path.join(ROOT, 'web/package.json')) && !existsSync(path.join(ROOT, 'web/index.html'))) return true;
  const built = stampTime(webStamp);
  const skip = (p) => p.includes(`${path.sep}dist`) || p.includes('node_modules');
  return built > 0 && built >= Math.max(newestMtime(path.join(ROOT, 'web'), skip), newestMtime(path.join(ROOT, 'src/contracts')));
};
