import type { WallBucket } from '@contracts';

/**
 * Volume as bars, each split into negative (red), other and positive (green), so a spike of anger
 * reads at a glance from across the room. Drill mentions are counted in and hatched.
 */
export const VolumeChart = ({ buckets, label, tick, width = 900, height = 260 }: { buckets: WallBucket[]; label: string; tick: (d: Date) => string; width?: number; height?: number }) => {
  const pad = { l: 52, r: 8, t: 10, b: 34 };
  const max = Math.max(4, ...buckets.map((b) => b.total));
  const w = (width - pad.l - pad.r) / Math.max(1, buckets.length);
  const y = (v: number) => pad.t + (1 - v / max) * (height - pad.t - pad.b);
  const h = (v: number) => (v / max) * (height - pad.t - pad.b);
  const total = buckets.reduce((s, b) => s + b.total, 0);
  const negative = buckets.reduce((s, b) => s + b.negative, 0);
  const every = Math.ceil(buckets.length / 6);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`${label}: ${total} mentions, ${negative} negative; peak ${max}`} preserveAspectRatio="none" style={{ display: 'block' }}>
      <defs>
        <pattern id="drill-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#f08c00" />
          <line x1="0" y1="0" x2="0" y2="8" stroke="#5c2b00" strokeWidth="4" />
        </pattern>
      </defs>
      {[0, Math.round(max / 2), max].map((v) => (
        <g key={v}>
          <line x1={pad.l} x2={width - pad.r} y1={y(v)} y2={y(v)} stroke="#3a4150" />
          <text x={pad.l - 8} y={y(v) + 7} fontSize="20" textAnchor="end" fill="#c9d1e0">
            {v}
          </text>
        </g>
      ))}
      {buckets.map((b, i) => {
        const x = pad.l + i * w + 1;
        const bw = Math.max(1, w - 2);
        const other = b.total - b.negative - b.positive;
        return (
          <g key={b.at}>
            <rect x={x} y={y(b.negative)} width={bw} height={h(b.negative)} fill="#ff6b6b" />
            <rect x={x} y={y(b.negative + other)} width={bw} height={h(other)} fill="#a5b4cf" />
            <rect x={x} y={y(b.total)} width={bw} height={h(b.positive)} fill="#51cf66" />
            {b.drill > 0 && <rect x={x} y={y(b.total)} width={bw} height={Math.max(3, h(b.drill) / 4)} fill="url(#drill-hatch)" />}
            {i % every === 0 && (
              <text x={x} y={height - 8} fontSize="20" fill="#c9d1e0">
                {tick(new Date(b.at))}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
};
