import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this file whether it runs from src/ (tsx) or dist/ (built). */
const findRoot = (): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('Cannot find the Lookout package root');
    dir = up;
  }
  return dir;
};

export const PACKAGE_ROOT = findRoot();
export const MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'src/platform/db/migrations');
