// Builds the embeddable web chat widget into one file, web-widget/dist/widget.js, which the server
// serves at GET /widget.js. `node web-widget/build.mjs` builds; `--if-stale` builds only when the
// sources are newer than the output (what `npm start` and the browser tests use).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const WIDGET_SRC = path.join(HERE, 'src');
export const WIDGET_OUT = path.join(HERE, 'dist/widget.js');

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);

export const isWidgetFresh = () =>
  existsSync(WIDGET_OUT) && statSync(WIDGET_OUT).mtimeMs >= Math.max(newest(WIDGET_SRC), statSync(fileURLToPath(import.meta.url)).mtimeMs);

export const buildWidget = async () => {
  // Loaded here, not at the top: `npm start` imports this file only to ask whether it is fresh.
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(WIDGET_SRC, 'main.ts')],
    outfile: WIDGET_OUT,
    bundle: true,
    minify: true,
    format: 'iife',
    // Browsers that have shadow DOM, EventSource and fetch: every current one.
    target: ['es2020'],
    legalComments: 'none',
    banner: { js: '/* Lookout web chat widget, AGPL-3.0-only. Embed: <script src=".../widget.js" data-site-key="ch_…" async></script> */' },
    logLevel: 'warning',
  });
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!(process.argv.includes('--if-stale') && isWidgetFresh())) {
    await buildWidget();
    process.stdout.write(`built ${path.relative(process.cwd(), WIDGET_OUT)} (${statSync(WIDGET_OUT).size} bytes)\n`);
  }
}
