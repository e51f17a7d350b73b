/** A one-line progress bar on stderr with rate and ETA; silent when stderr is not a terminal (CI logs). */
export const createProgress = (label: string) => {
  const started = Date.now();
  // LOOKOUT_PROGRESS=lines prints one line per update even without a terminal (tests wait on it).
  const asLines = process.env.LOOKOUT_PROGRESS === 'lines';
  const isTty = process.stderr.isTTY || asLines;
  let last = 0;
  return {
    update(done: number, fraction: number | null) {
      const now = Date.now();
      if (!isTty || (!asLines && now - last < 200)) return;
      last = now;
      const secs = (now - started) / 1000;
      const rate = done / Math.max(secs, 0.001);
      const width = 24;
      const f = fraction ?? 0;
      const bar = '█'.repeat(Math.round(f * width)).padEnd(width, '░');
      const eta = fraction && fraction > 0 ? Math.max(0, secs / fraction - secs) : null;
      process.stderr.write(`${asLines ? '' : '\r'}${label} ${bar} ${(f * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en')} rows  ${Math.round(rate).toLocaleString('en')}/s  ETA ${eta === null ? '?' : `${Math.round(eta)}s`}   ${asLines ? '\n' : ''}`);
    },
    done() {
      if (isTty) process.stderr.write('\n');
    },
  };
};
