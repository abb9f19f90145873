import { useId, useMemo, type PointerEvent, type ReactNode } from 'react';
import type { DetectionWeekDto } from '@accord/contracts';
import type { MessageKey } from '../../i18n/catalogues';
import { useI18n } from '../../i18n/i18n-context';
import { BarCursor, BarTooltip, TimeAxis, ValueGrid, barBetween, useBarCursor, type ChartFrame } from '../explorer/chart-parts';
import { periodDates } from '../explorer/period-format';
import { periodSpan, timeTicks, valueTicks, type PeriodSpan } from '../explorer/scales';
import { WEEK_KIND_KEYS } from './signal-labels';
import { isoWeekLabel, segments, valueAxisMax, weekKind, type WeekKind } from './signal-weeks';

const WIDTH = 800;
const HEIGHT = 300;
const MARGIN = { top: 22, right: 14, bottom: 30, left: 64 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const BASE = MARGIN.top + PLOT_H;
const FRAME: ChartFrame = { width: WIDTH, height: HEIGHT, margin: MARGIN };

interface WeekBar extends PeriodSpan {
  data: DetectionWeekDto;
  kind: WeekKind;
  x0: number;
  x1: number;
  x: number;
  w: number;
}

/**
 * One signal's series, drawn like the explorer's epidemic curve and on its scales: observed counts as bars (alarm
 * weeks in red with a mark above, weeks without a result grey), the expected value as a line, the threshold as a
 * dashed step line, and the episode's weeks shaded. Pointing or the arrow keys read a week out; the table after
 * the chart has every value.
 */
export function SignalChart({
  weeks,
  episode,
  title,
  summary,
}: {
  weeks: readonly DetectionWeekDto[];
  /** First and last alarm week of the episode (Mondays). */
  episode: { first: string; last: string };
  title: string;
  summary: string;
}) {
  const { t, lang, formatNumber } = useI18n();
  const titleId = useId();
  const descId = useId();
  const clipId = useId();

  const chart = useMemo(() => {
    const spans = weeks.flatMap((data) => {
      const span = periodSpan(isoWeekLabel(data.week));
      return span ? [{ ...span, data, kind: weekKind(data) }] : [];
    });
    if (spans.length === 0) return null;
    const from = spans[0]!.startMs;
    const to = spans[spans.length - 1]!.endMs;
    const yTicks = valueTicks(
      valueAxisMax(weeks),
      5,
      weeks.every((w) => w.observed === null || Number.isInteger(w.observed)),
    );
    const top = yTicks[yTicks.length - 1]!;
    const xOf = (ms: number) => MARGIN.left + ((ms - from) / (to - from)) * PLOT_W;
    const yOf = (v: number) => BASE - (Math.min(v, top * 1.05) / top) * PLOT_H;
    const bars: WeekBar[] = spans.map((s) => {
      const x0 = xOf(s.startMs);
      const x1 = xOf(s.endMs);
      return { ...s, x0, x1, ...barBetween(x0, x1) };
    });
    const firstEpisode = bars.find((b) => b.data.week === episode.first);
    const lastEpisode = bars.find((b) => b.data.week === episode.last);
    const shade = firstEpisode && lastEpisode ? { x: firstEpisode.x0, w: lastEpisode.x1 - firstEpisode.x0 } : null;
    const expected = segments(bars.map((b) => b.data.expected)).map((run) =>
      run.map(([i, v], k) => `${k === 0 ? 'M' : 'L'}${(bars[i]!.x0 + bars[i]!.x1) / 2},${yOf(v)}`).join(''),
    );
    // The threshold holds for one week at a time: a step across each week, joined to the next.
    const threshold = segments(bars.map((b) => b.data.upperbound)).map((run) =>
      run.map(([i, v], k) => `${k === 0 ? 'M' : 'L'}${bars[i]!.x0},${yOf(v)}H${bars[i]!.x1}`).join(''),
    );
    return { bars, yTicks, yOf, shade, expected, threshold, xTicks: timeTicks(from, to).map((tick) => ({ ...tick, x: xOf(tick.ms) })) };
  }, [weeks, episode.first, episode.last]);

  const cursor = useBarCursor(chart?.bars.length ?? 0);
  if (!chart) return null;
  const { bars, yTicks, yOf, shade, expected, threshold, xTicks } = chart;
  const { active, setActive } = cursor;
  const current = active === null ? null : (bars[active] ?? null);
  const value = (v: number | null) => (v === null ? '—' : formatNumber(v));

  const pick = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * WIDTH;
    const at = bars.findIndex((b) => x >= b.x0 && x < b.x1);
    setActive(at >= 0 ? at : x < MARGIN.left ? 0 : bars.length - 1);
  };

  const describe = (bar: WeekBar) =>
    t('signals.chart.point', {
      week: bar.period,
      dates: periodDates(bar, lang),
      observed: value(bar.data.observed),
      expected: value(bar.data.expected),
      threshold: value(bar.data.upperbound),
      status: t(WEEK_KIND_KEYS[bar.kind]),
    });

  return (
    <figure className="chart signal-chart" data-testid="signal-chart">
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
        <desc id={descId}>{summary}</desc>
        <defs>
          <clipPath id={clipId}>
            <rect x={MARGIN.left} y={MARGIN.top - 12} width={PLOT_W} height={PLOT_H + 12} />
          </clipPath>
        </defs>
        {shade && (
          <rect
            className="signal-episode"
            x={shade.x}
            y={MARGIN.top - 12}
            width={shade.w}
            height={PLOT_H + 12}
            data-testid="signal-episode"
            aria-hidden="true"
          />
        )}
        <ValueGrid frame={FRAME} ticks={yTicks} yOf={yOf} />
        <g aria-hidden="true" clipPath={`url(#${clipId})`}>
          {bars.map((bar, i) =>
            bar.data.observed === null ? (
              <rect
                key={bar.period}
                className="signal-bar signal-bar-no-count"
                x={bar.x}
                y={BASE - 3}
                width={bar.w}
                height={3}
                data-week={bar.period}
                data-kind={bar.kind}
              />
            ) : (
              <rect
                key={bar.period}
                className={`signal-bar signal-bar-${bar.kind}${i === active ? ' signal-bar-active' : ''}`}
                x={bar.x}
                y={yOf(bar.data.observed)}
                width={bar.w}
                height={Math.max(0, BASE - yOf(bar.data.observed))}
                data-week={bar.period}
                data-kind={bar.kind}
                data-value={bar.data.observed}
              />
            ),
          )}
          {expected.map((d, i) => (
            <path key={i} className="signal-line-expected" d={d} data-testid="expected-line" />
          ))}
          {threshold.map((d, i) => (
            <path key={i} className="signal-line-threshold" d={d} data-testid="threshold-line" />
          ))}
          {bars
            .filter((bar) => bar.kind === 'alarm' && bar.data.observed !== null)
            .map((bar) => {
              const cx = bar.x + bar.w / 2;
              const y = Math.max(MARGIN.top - 10, yOf(bar.data.observed ?? 0) - 4);
              const r = Math.min(5, Math.max(3, bar.w / 2));
              return (
                <path
                  key={bar.period}
                  className="signal-alarm-mark"
                  d={`M${cx - r},${y - r * 1.6}L${cx + r},${y - r * 1.6}L${cx},${y}Z`}
                  data-testid="alarm-mark"
                  data-week={bar.period}
                />
              );
            })}
        </g>
        <TimeAxis frame={FRAME} ticks={xTicks} />
        {current && <BarCursor frame={FRAME} bar={current} />}
      </svg>
      {current && (
        <BarTooltip frame={FRAME} bar={current} top={current.data.observed === null ? BASE : yOf(current.data.observed)}>
          <span className="chart-tooltip-value">{value(current.data.observed)}</span>
          <span>{t('signals.chart.expectedValue', { value: value(current.data.expected) })}</span>
          <span>{t('signals.chart.thresholdValue', { value: value(current.data.upperbound) })}</span>
          <span>{t(WEEK_KIND_KEYS[current.kind])}</span>
        </BarTooltip>
      )}
      <SignalLegend />
      <figcaption className="chart-hint muted">{t('chart.hint')}</figcaption>
      <p className="visually-hidden" aria-live="polite">
        {current ? describe(current) : ''}
      </p>
    </figure>
  );
}

/** What each mark means, drawn with the chart's own classes so the legend always matches. */
function SignalLegend() {
  const { t } = useI18n();
  const items: { key: MessageKey; swatch: ReactNode }[] = [
    { key: 'signals.legend.observed', swatch: <rect className="signal-bar signal-bar-quiet" x="3" y="2" width="12" height="12" /> },
    {
      key: 'signals.legend.alarm',
      swatch: (
        <>
          <rect className="signal-bar signal-bar-alarm" x="4" y="6" width="10" height="8" />
          <path className="signal-alarm-mark" d="M5,0L13,0L9,5Z" />
        </>
      ),
    },
    { key: 'signals.legend.noResult', swatch: <rect className="signal-bar signal-bar-no-result" x="3" y="2" width="12" height="12" /> },
    { key: 'signals.legend.expected', swatch: <path className="signal-line-expected" d="M0,8H18" /> },
    { key: 'signals.legend.threshold', swatch: <path className="signal-line-threshold" d="M0,8H18" /> },
    { key: 'signals.legend.episode', swatch: <rect className="signal-episode signal-episode-swatch" x="0" y="0" width="18" height="14" /> },
  ];
  return (
    <ul className="signal-legend" data-testid="signal-legend">
      {items.map((item) => (
        <li key={item.key}>
          <svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true">
            {item.swatch}
          </svg>
          <span>{t(item.key)}</span>
        </li>
      ))}
    </ul>
  );
}
