import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { ColorSwatch, Group, Text } from '@mantine/core';
import type { SentimentDay } from '@contracts';

const SERIES = [
  { name: 'Negative', color: 'red.7' },
  { name: 'Neutral', color: 'gray.5' },
  { name: 'Positive', color: 'teal.7' },
];

const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const label = (d: string) => day.format(new Date(`${d}T12:00:00`));

/**
 * What the customer wrote, day by day, by sentiment (stacked bars), with the same figures in a
 * table for screen readers: the chart is drawn, the table is read.
 */
export const SentimentChart = ({ days }: { days: readonly SentimentDay[] }) => {
  if (!days.length) {
    return (
      <Text fz="sm" c="dimmed">
        Nothing they wrote in the last 90 days had a sentiment.
      </Text>
    );
  }
  const data = days.map((d) => ({ day: label(d.day), Negative: d.negative, Neutral: d.neutral, Positive: d.positive }));
  return (
    <div data-testid="sentiment-chart">
      {/* Drawn only: not focusable, hidden from assistive technology (the table below says the same). */}
      <div aria-hidden="true" inert>
        <BarChart
          h={160}
          data={data}
          dataKey="day"
          type="stacked"
          maxBarWidth={28}
          barChartProps={{ accessibilityLayer: false }}
          gridAxis="y"
          tickLine="none"
          yAxisProps={{ allowDecimals: false, width: 28, domain: [0, (max: number) => Math.max(2, Math.ceil(max))], tickCount: 3 }}
          series={SERIES}
        />
      </div>
      <Group gap="md" mt={4} aria-hidden="true" justify="center">
        {SERIES.map((s) => (
          <Group key={s.name} gap={6}>
            <ColorSwatch size={10} color={`var(--mantine-color-${s.color.replace('.', '-')})`} withShadow={false} />
            <Text fz="xs" c="gray.8">
              {s.name}
            </Text>
          </Group>
        ))}
      </Group>
      <table className="visually-hidden">
        <caption>Mentions by sentiment per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Negative</th>
            <th scope="col">Neutral</th>
            <th scope="col">Positive</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              <td>{d.negative}</td>
              <td>{d.neutral}</td>
              <td>{d.positive}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
