import { useId, useMemo, type PointerEvent } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { BarCursor, BarTooltip, TimeAxis, ValueGrid, barBetween, useBarCursor, type ChartFrame } from './chart-parts';
import { periodDates } from './period-format';
import { periodSpan, timeTicks, valueTicks, type PeriodSpan } from './scales';

const WIDTH = 800;
const HEIGHT = 280;
const MARGIN = { top: 14, right: 14, bottom: 30, left: 64 };
const FRAME: ChartFrame = { width: WIDTH, height: HEIGHT, margin: MARGIN };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

interface Bar extends PeriodSpan {
  value: number;
  x: number;
  w: number;
  y: number;
}

/**
 * The series as bars (an epidemic curve), drawn by hand in SVG: dates along the bottom, values up the side.
 * Pointing at the chart, or focusing it and using the arrow keys, shows the period and its value; the chart's
 * title and description give its gist to screen readers, and the table below has every value.
 */
export function SeriesChart({ points, title }: { points: readonly { period: string; value: number }[]; title: string }) {
  const { t, lang, formatNumber } = useI18n();
  const titleId = useId();
  const descId = useId();

  const chart = useMemo(() => {
    const spans = points.flatMap((p) => {
      const span = periodSpan(p.period);
      return span ? [{ ...span, value: p.value }] : [];
    });
    if (spans.length === 0) return null;
    const from = spans[0]!.startMs;
    const to = spans[spans.length - 1]!.endMs;
    const max = Math.max(...spans.map((s) => s.value));
    const yTicks = valueTicks(
      max,
      5,
      spans.every((s) => Number.isInteger(s.value)),
    );
    const top = yTicks[yTicks.length - 1]!;
    const xOf = (ms: number) => MARGIN.left + ((ms - from) / (to - from)) * PLOT_W;
    const yOf = (v: number) => MARGIN.top + PLOT_H - (v / top) * PLOT_H;
    const bars: Bar[] = spans.map((s) => ({ ...s, ...barBetween(xOf(s.startMs), xOf(s.endMs)), y: yOf(s.value) }));
    const maxBar = spans.reduce((best, s) => (s.value > best.value ? s : best), spans[0]!);
    return { bars, yTicks, yOf, xTicks: timeTicks(from, to).map((tick) => ({ ...tick, x: xOf(tick.ms) })), maxBar };
  }, [points]);

  const cursor = useBarCursor(chart?.bars.length ?? 0);
  if (!chart) return null;
  const { bars, yTicks, yOf, xTicks, maxBar } = chart;
  const { active, setActive } = cursor;
  const current = active === null ? null : (bars[active] ?? null);
  const first = bars[0]!;
  const last = bars[bars.length - 1]!;

  const pick = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * WIDTH;
    let nearest = 0;
    for (let i = 0; i < bars.length; i += 1) {
      if (Math.abs(bars[i]!.x + bars[i]!.w / 2 - x) < Math.abs(bars[nearest]!.x + bars[nearest]!.w / 2 - x)) nearest = i;
    }
    setActive(nearest);
  };

  const describe = (bar: Bar) => t('chart.point', { period: bar.period, dates: periodDates(bar, lang), value: formatNumber(bar.value) });

  return (
    <figure className="chart" data-testid="series-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        tabIndex={0}
        onPointerMove={pick}
        {...cursor.handlers}
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>
          {t('chart.description', {
            count: formatNumber(bars.length),
            first: periodDates(first, lang),
            last: periodDates(last, lang),
            max: formatNumber(maxBar.value),
            maxPeriod: maxBar.period,
          })}
        </desc>
        <ValueGrid frame={FRAME} ticks={yTicks} yOf={yOf} />
        <g className="chart-bars" aria-hidden="true">
          {bars.map((bar, i) => (
            <rect
              key={bar.period}
              x={bar.x}
              y={bar.y}
              width={bar.w}
              height={Math.max(0, MARGIN.top + PLOT_H - bar.y)}
              className={i === active ? 'chart-bar chart-bar-active' : 'chart-bar'}
              data-period={bar.period}
              data-value={bar.value}
            />
          ))}
        </g>
        <TimeAxis frame={FRAME} ticks={xTicks} />
        {current && <BarCursor frame={FRAME} bar={current} />}
      </svg>
      {current && (
        <BarTooltip frame={FRAME} bar={current} top={current.y}>
          <span className="chart-tooltip-value">{formatNumber(current.value)}</span>
        </BarTooltip>
      )}
      <figcaption className="chart-hint muted">{t('chart.hint')}</figcaption>
      <p className="visually-hidden" aria-live="polite">
        {current ? describe(current) : ''}
      </p>
    </figure>
  );
}
