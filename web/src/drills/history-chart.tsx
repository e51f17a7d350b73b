import type { DrillHistory } from '@contracts';

/** One scenario's successive scores (0–100) as a line with dots: is the team getting better? */
export const HistoryChart = ({ history, width = 360, height = 120 }: { history: DrillHistory[number]; width?: number; height?: number }) => {
  const runs = history.runs;
  const pad = { l: 30, r: 10, t: 10, b: 20 };
  const x = (i: number) => pad.l + (runs.length === 1 ? (width - pad.l - pad.r) / 2 : (i / (runs.length - 1)) * (width - pad.l - pad.r));
  const y = (v: number) => pad.t + (1 - v / 100) * (height - pad.t - pad.b);
  const trend = history.trend > 0 ? `up ${history.trend} points` : history.trend < 0 ? `down ${-history.trend} points` : 'no change';
  const label = `${history.scenarioName}: scores ${runs.map((r) => r.score).join(', ')} over ${runs.length} drills, ${trend}`;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} role="img" aria-label={label}>
      {[0, 50, 100].map((v) => (
        <g key={v}>
          <line x1={pad.l} x2={width - pad.r} y1={y(v)} y2={y(v)} stroke="var(--mantine-color-gray-3)" />
          <text x={pad.l - 6} y={y(v) + 4} fontSize="10" textAnchor="end" fill="var(--mantine-color-gray-7)">
            {v}
          </text>
        </g>
      ))}
      <polyline points={runs.map((r, i) => `${x(i)},${y(r.score)}`).join(' ')} fill="none" stroke="var(--mantine-color-blue-7)" strokeWidth={2} />
      {runs.map((r, i) => (
        <circle key={r.id} cx={x(i)} cy={y(r.score)} r={4} fill="var(--mantine-color-blue-7)">
          <title>{`${new Date(r.startedAt).toLocaleString()}: ${r.score}`}</title>
        </circle>
      ))}
      <text x={pad.l} y={height - 4} fontSize="10" fill="var(--mantine-color-gray-7)">
        {runs.length} drill{runs.length === 1 ? '' : 's'}, {trend}
      </text>
    </svg>
  );
};
