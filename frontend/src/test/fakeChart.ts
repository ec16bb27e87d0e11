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
