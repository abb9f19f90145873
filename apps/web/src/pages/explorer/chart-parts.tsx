import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { axisDate, periodDates } from './period-format';
import type { PeriodSpan } from './scales';

/** The drawing box of a bar chart: the SVG's own units, and the space left around the plot for the axes. */
export interface ChartFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export const plotBottom = (frame: ChartFrame) => frame.height - frame.margin.bottom;

const MAX_BAR = 48;

/** A bar across [x0, x1): a hairline gap between bars while they are wide enough to show it, never wider than 48. */
export function barBetween(x0: number, x1: number): { x: number; w: number } {
  const gap = x1 - x0 > 4 ? 1 : 0;
  const w = Math.min(MAX_BAR, Math.max(0.6, x1 - x0 - gap));
  return { x: x0 + (x1 - x0 - gap - w) / 2, w };
}

/** Which bar the read-out shows: pointed at, or moved to with the arrow keys, Home and End once the chart has focus. */
export function useBarCursor(count: number) {
  const [active, setActive] = useState<number | null>(null);
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const at = active ?? count - 1;
    const moves: Record<string, number> = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: count - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setActive(Math.max(0, Math.min(count - 1, next)));
  };
  const current = active === null ? null : Math.min(active, count - 1);
  return {
    active: current,
    setActive,
    handlers: {
      onKeyDown,
      onPointerLeave: () => setActive(null),
      onFocus: () => setActive((a) => a ?? count - 1),
      onBlur: () => setActive(null),
    },
  };
}

/** Horizontal grid lines with their values along the left of the plot. */
export function ValueGrid({ frame, ticks, yOf }: { frame: ChartFrame; ticks: readonly number[]; yOf: (v: number) => number }) {
  const { formatNumber } = useI18n();
  return (
    <g className="chart-grid" aria-hidden="true">
      {ticks.map((v) => (
        <g key={v}>
          <line x1={frame.margin.left} x2={frame.width - frame.margin.right} y1={yOf(v)} y2={yOf(v)} />
          <text x={frame.margin.left - 8} y={yOf(v)} dy="0.32em" textAnchor="end">
            {formatNumber(v)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The time axis along the bottom, with dated ticks. */
export function TimeAxis({ frame, ticks }: { frame: ChartFrame; ticks: readonly { ms: number; x: number; yearOnly: boolean }[] }) {
  const { lang } = useI18n();
  const base = plotBottom(frame);
  const { left, right } = frame.margin;
  return (
    <g className="chart-axis" aria-hidden="true">
      <line x1={left} x2={frame.width - right} y1={base} y2={base} />
      {ticks.map((tick) => (
        <g key={tick.ms}>
          <line x1={tick.x} x2={tick.x} y1={base} y2={base + 5} />
          <text
            x={tick.x}
            y={base + 19}
            // Labels at the edges lean inwards so they are never cut off.
            textAnchor={tick.x > frame.width - right - 36 ? 'end' : tick.x < left + 36 ? 'start' : 'middle'}
          >
            {axisDate(tick.ms, tick.yearOnly, lang)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The vertical line through the bar being read out. */
export function BarCursor({ frame, bar }: { frame: ChartFrame; bar: { x: number; w: number } }) {
  return (
    <line
      className="chart-cursor"
      x1={bar.x + bar.w / 2}
      x2={bar.x + bar.w / 2}
      y1={frame.margin.top}
      y2={plotBottom(frame)}
      aria-hidden="true"
    />
  );
}

/**
 * The read-out over the bar being read: its period and dates, then `children`. Placed over the bar, a physical
 * position, so physical left is right in both writing directions; `top` is the height of the bar's top (SVG units).
 */
export function BarTooltip({
  frame,
  bar,
  top,
  children,
}: {
  frame: ChartFrame;
  bar: PeriodSpan & { x: number; w: number };
  top: number;
  children: ReactNode;
}) {
  const { lang } = useI18n();
  return (
    <div
      className="chart-tooltip"
      data-testid="chart-tooltip"
      aria-hidden="true"
      style={{
        left: `${((bar.x + bar.w / 2) / frame.width) * 100}%`,
        top: `${(Math.min(top, plotBottom(frame) - 8) / frame.height) * 100}%`,
      }}
    >
      <strong dir="ltr">{bar.period}</strong>
      <span>{periodDates(bar, lang)}</span>
      {children}
    </div>
  );
}
