import type { AlertSeriesView } from '@contracts';

/**
 * The alert's series, bucket by bucket: the expected band (expected to upper edge) shaded, the
 * observed counts as a line. Counts above the band are what the detector found surprising.
 */
export const SeriesChart = ({ series, width = 560, height = 160 }: { series: AlertSeriesView; width?: number; height?: number }) => {
  const n = series.observed.length;
  if (n === 0) return null;
  const pad = { l: 36, r: 8, t: 8, b: 22 };
  const max = Math.max(1, ...series.observed, ...series.upper);
  const x = (i: number) => pad.l + (n === 1 ? 0 : (i / (n - 1)) * (width - pad.l - pad.r));
  const y = (v: number) => pad.t + (1 - v / max) * (height - pad.t - pad.b);
  const band = [
    ...series.upper.map((v, i) => `${x(i)},${y(v)}`),
    ...[...series.expected].reverse().map((v, i) => `${x(n - 1 - i)},${y(v)}`),
  ].join(' ');
  const line = series.observed.map((v, i) => `${x(i)},${y(v)}`).join(' ');
  const start = new Date(series.start);
  const end = new Date(start.getTime() + n * series.bucketMinutes * 60_000);
  const time = (d: Date) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const label = `${series.name}: last value ${series.observed[n - 1]} against an expected ${series.expected[n - 1]} (band up to ${series.upper[n - 1]}) per ${series.bucketMinutes} minutes`;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={label} style={{ maxWidth: width }}>
      <line x1={pad.l} x2={width - pad.r} y1={y(0)} y2={y(0)} stroke="var(--mantine-color-gray-4)" />
      <text x={pad.l - 6} y={y(max) + 4} fontSize="10" textAnchor="end" fill="var(--mantine-color-gray-7)">
        {Math.round(max)}
      </text>
      <text x={pad.l - 6} y={y(0) + 4} fontSize="10" textAnchor="end" fill="var(--mantine-color-gray-7)">
        0
      </text>
      <polygon points={band} fill="var(--mantine-color-blue-2)" opacity={0.8} />
      <polyline points={series.expected.map((v, i) => `${x(i)},${y(v)}`).join(' ')} fill="none" stroke="var(--mantine-color-blue-6)" strokeDasharray="4 3" />
      <polyline points={line} fill="none" stroke="var(--mantine-color-red-7)" strokeWidth={2} />
      {series.observed.map((v, i) => (
        <circle key={i} cx={x(i)} cy={y(v)} r={2.5} fill={v > (series.upper[i] ?? Infinity) ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-gray-7)'} />
      ))}
      <text x={pad.l} y={height - 6} fontSize="10" fill="var(--mantine-color-gray-7)">
        {time(start)}
      </text>
      <text x={width - pad.r} y={height - 6} fontSize="10" textAnchor="end" fill="var(--mantine-color-gray-7)">
        {time(end)}
      </text>
    </svg>
  );
};
