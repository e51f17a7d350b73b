/**
 * Measures how long the Bluesky connector's test network takes to start and close: the slim one
 * the tests use (PLC, PDS, AppView, bsync) and dev-env's full TestNetwork (plus Ozone and its
 * service profiles), alternating, over a few runs each. Needs PostgreSQL as the tests do.
 * Usage: tsx scripts/ci/bluesky-dev-env-start.ts [runs=3]
 * Ends with one JSON line:
 * {"bench":"bluesky-dev-env","importMs":…,"slim":{"startMs":[…],"closeMs":[…],"medianStartMs":…},"full":{…}}
 */
const runs = Number(process.argv[2] ?? 3);
const importStarted = performance.now();
const { startDevNetwork } = await import('../../src/modules/channels/bluesky/testing/dev-network.ts');
const importMs = Math.round(performance.now() - importStarted);

const results = { slim: { startMs: [] as number[], closeMs: [] as number[] }, full: { startMs: [] as number[], closeMs: [] as number[] } };
for (let i = 0; i < runs; i++) {
  for (const mode of ['slim', 'full'] as const) {
    const dev = await startDevNetwork({ full: mode === 'full' });
    const closing = performance.now();
    await dev.close();
    const closeMs = Math.round(performance.now() - closing);
    results[mode].startMs.push(dev.startMs);
    results[mode].closeMs.push(closeMs);
    console.log(`run ${i + 1} ${mode}: started in ${dev.startMs} ms, closed in ${closeMs} ms`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (r: { startMs: number[]; closeMs: number[] }) => ({ ...r, medianStartMs: median(r.startMs) });
console.log(JSON.stringify({ bench: 'bluesky-dev-env', importMs, slim: summary(results.slim), full: summary(results.full) }));
