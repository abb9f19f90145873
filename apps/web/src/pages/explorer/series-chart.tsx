import { useId, useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { periodDates, axisDate } from './period-format';
import { periodSpan, timeTicks, valueTicks, type PeriodSpan } from './scales';

const WIDTH = 800;
const HEIGHT = 280;
const MARGIN = { top: 14, right: 14, bottom: 30, left: 64 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const MAX_BAR = 48;

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
  const [active, setActive] = useState<number | null>(null);

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
    const bars: Bar[] = spans.map((s) => {
      const x0 = xOf(s.startMs);
      const x1 = xOf(s.endMs);
      // A hairline gap between bars while they are wide enough to show it; a short series keeps slim bars.
      const gap = x1 - x0 > 4 ? 1 : 0;
      const w = Math.min(MAX_BAR, Math.max(0.6, x1 - x0 - gap));
      return { ...s, x: x0 + (x1 - x0 - gap - w) / 2, w, y: yOf(s.value) };
    });
    const maxBar = spans.reduce((best, s) => (s.value > best.value ? s : best), spans[0]!);
    return { bars, yTicks, yOf, xTicks: timeTicks(from, to).map((tick) => ({ ...tick, x: xOf(tick.ms) })), maxBar };
  }, [points]);

  if (!chart) return null;
  const { bars, yTicks, yOf, xTicks, maxBar } = chart;
  const current = active === null ? null : (bars[Math.min(active, bars.length - 1)] ?? null);
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

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const at = active ?? bars.length - 1;
    const moves: Record<string, number> = {
      ArrowLeft: at - 1,
      ArrowRight: at + 1,
      Home: 0,
      End: bars.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setActive(Math.max(0, Math.min(bars.length - 1, next)));
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
        onPointerLeave={() => setActive(null)}
        onFocus={() => setActive((a) => a ?? bars.length - 1)}
        onBlur={() => setActive(null)}
        onKeyDown={onKeyDown}
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
        <g className="chart-grid" aria-hidden="true">
          {yTicks.map((v) => (
            <g key={v}>
              <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={yOf(v)} y2={yOf(v)} />
              <text x={MARGIN.left - 8} y={yOf(v)} dy="0.32em" textAnchor="end">
                {formatNumber(v)}
              </text>
            </g>
          ))}
        </g>
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
        <g className="chart-axis" aria-hidden="true">
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={MARGIN.top + PLOT_H} y2={MARGIN.top + PLOT_H} />
          {xTicks.map((tick) => (
            <g key={tick.ms}>
              <line x1={tick.x} x2={tick.x} y1={MARGIN.top + PLOT_H} y2={MARGIN.top + PLOT_H + 5} />
              <text
                x={tick.x}
                y={MARGIN.top + PLOT_H + 19}
                // Labels at the edges lean inwards so they are never cut off.
                textAnchor={tick.x > WIDTH - MARGIN.right - 36 ? 'end' : tick.x < MARGIN.left + 36 ? 'start' : 'middle'}
              >
                {axisDate(tick.ms, tick.yearOnly, lang)}
              </text>
            </g>
          ))}
        </g>
        {current && (
          <line
            className="chart-cursor"
            x1={current.x + current.w / 2}
            x2={current.x + current.w / 2}
            y1={MARGIN.top}
            y2={MARGIN.top + PLOT_H}
            aria-hidden="true"
          />
        )}
      </svg>
      {current && (
        // Placed over the bar, a physical position, so physical left is right in both writing directions.
        <div
          className="chart-tooltip"
          data-testid="chart-tooltip"
          aria-hidden="true"
          style={{
            left: `${((current.x + current.w / 2) / WIDTH) * 100}%`,
            top: `${(Math.min(current.y, MARGIN.top + PLOT_H - 8) / HEIGHT) * 100}%`,
          }}
        >
          <strong dir="ltr">{current.period}</strong>
          <span>{periodDates(current, lang)}</span>
          <span className="chart-tooltip-value">{formatNumber(current.value)}</span>
        </div>
      )}
      <figcaption className="chart-hint muted">{t('chart.hint')}</figcaption>
      <p className="visually-hidden" aria-live="polite">
        {current ? describe(current) : ''}
      </p>
    </figure>
  );
}
