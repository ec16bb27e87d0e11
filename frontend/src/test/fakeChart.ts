import { vi } from 'vitest';

/**
 * A stand-in for chart.js (jsdom has no canvas): every chart that would be drawn is recorded
 * in `charts`, with its configuration. Use it in a test file with
 * `vi.mock('chart.js', () => import('../test/fakeChart'))`.
 */
export interface RecordedChart {
  config: {
    type: string;
    data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] };
    options: Record<string, unknown>;
  };
  destroyed: boolean;
}

export const charts: RecordedChart[] = [];

/** The newest chart of a type whose first dataset has this label (or any, without a label). */
export function lastChart(type: string, label?: string): RecordedChart | undefined {
  return [...charts].reverse().find((chart) => chart.config.type === type && (label === undefined || chart.config.data.datasets[0]?.label === label));
}

type TickCallback = (value: number, index: number) => string | string[] | null | undefined;

/**
 * The dates a line chart writes under its x axis, one entry per label (null: none; the lines of
 * a label of several lines joined by a space). Chart.js's
 * own skipping (`autoSkip`) cannot run without a canvas, so this answers only for a chart that
 * chooses its dates itself (auto-skip off, a tick callback); otherwise undefined.
 */
export function xAxisLabels(chart: RecordedChart): (string | null)[] | undefined {
  const x = (chart.config.options.scales as { x?: { ticks?: { autoSkip?: boolean; callback?: TickCallback } } } | undefined)?.x;
  const callback = x?.ticks?.callback;
  if (x?.ticks?.autoSkip !== false || !callback) return undefined;
  return chart.config.data.labels.map((_, index) => {
    const label = callback(index, index);
    return Array.isArray(label) ? label.join(' ') : (label ?? null);
  });
}

export class Chart {
  static register = vi.fn();
  private readonly recorded: RecordedChart;
  constructor(_canvas: unknown, config: RecordedChart['config']) {
    this.recorded = { config, destroyed: false };
    charts.push(this.recorded);
  }
  destroy() {
    this.recorded.destroyed = true;
  }
}

const part = {};
export const BarController = part;
export const BarElement = part;
export const CategoryScale = part;
export const Legend = part;
export const LinearScale = part;
export const LineController = part;
export const LineElement = part;
export const PointElement = part;
export const Tooltip = part;
