import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import mantinePreset from 'postcss-preset-mantine';

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(webRoot, 'dist');

/** Marks the build fresh for scripts/freshness.mjs, so `npm start` does not rebuild it again. */
const buildStamp = (): Plugin => ({
  name: 'lookout-build-stamp',
  apply: 'build',
  closeBundle() {
    writeFileSync(path.join(outDir, '.build-stamp'), new Date().toISOString());
  },
});

// The server to proxy API calls to during `npm run dev:web` (start it with `npm run dev`).
const apiTarget = process.env.LOOKOUT_API_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: webRoot,
  plugins: [react(), buildStamp()],
  resolve: {
    // The console shares request/response types with the server; it imports nothing else from src/.
    alias: { '@contracts': path.resolve(webRoot, '../src/contracts/index.ts') },
  },
  css: { postcss: { plugins: [mantinePreset()] } },
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    sourcemap: true,
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
});
