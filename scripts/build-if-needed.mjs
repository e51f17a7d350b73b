// `npm start` runs this first: compile the server, the console and the web chat widget only when their sources changed.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, isServerFresh, isWebFresh, serverStamp, webStamp } from './freshness.mjs';
import { isWidgetFresh } from '../web-widget/build.mjs';

const stamp = (file) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, new Date().toISOString());
};

if (!isServerFresh()) {
  process.stdout.write('Building the server…\n');
  execSync('npx tsc -p tsconfig.build.json', { cwd: ROOT, stdio: 'inherit' });
  stamp(serverStamp);
}
if (!isWebFresh()) {
  process.stdout.write('Building the console…\n');
  execSync('npm run build:web', { cwd: ROOT, stdio: 'inherit' });
  stamp(webStamp);
}
if (!isWidgetFresh()) {
  process.stdout.write('Building the web chat widget…\n');
  execSync('npm run build:widget', { cwd: ROOT, stdio: 'inherit' });
}
