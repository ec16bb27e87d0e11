import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** HIGH in the app's deep red, MEDIUM in amber, REVIEW in a quiet blue-grey (lightness differs too, not only hue). */
export const SEVERITY_COLOURS = { HIGH: '#a3231b', MEDIUM: '#d9a440', REVIEW: '#9fb3c6' } as const;
export const CATEGORY_COLOUR = '#2f6b5e';

export interface BarSeries {
  label: string;
  data: number[];
  colour: string;
}

interface BarFigureProps {
  caption: string;
  /** The bars' names (x axis), e.g. days or categories. */
  labels: string[];
  /** The same names, longer, for the table (e.g. "maandag 7 december"). */
  rowLabels?: string[];
  series: BarSeries[];
  /** Stacked bars (the daily chart: HIGH, MEDIUM and REVIEW on top of each other). */
  stacked?: boolean;
  /** Bars lying down, their names beside them: every name stays readable on a phone. */
  horizontal?: boolean;
  firstColumn: string;
  locale: string;
}

/**
 * A bar chart with its caption, and the same numbers as a table folded away under it (a
 * screen reader gets the caption as the image's name and can open the table).
 */
export function BarFigure({ caption, labels, rowLabels = labels, series, stacked = false, horizontal = false, firstColumn, locale }: BarFigureProps) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify([labels, series, stacked, horizontal]);
  const number = new Intl.NumberFormat(locale);

  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.colour, borderColor: s.colour, borderWidth: 1 })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: horizontal ? 'y' : 'x',
        scales: horizontal
          ? { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false } } }
          : {
              x: { stacked, ticks: { autoSkip: true, maxRotation: 0, maxTicksLimit: 7 } },
              y: { stacked, beginAtZero: true, ticks: { precision: 0 } },
            },
        plugins: { legend: { display: series.length > 1 } },
      },
    });
    return () => chart.destroy();
    // Drawn again when the data (its text form) changes.
  }, [key]);

  return (
    <figure className="stats-figure">
      <figcaption className="stats-figure__caption">{caption}</figcaption>
      <div className={`stats-chart${horizontal ? ' stats-chart--horizontal' : ''}`}>
        <canvas ref={canvas} role="img" aria-label={caption} />
      </div>
      <details className="disclosure">
        <summary>{t('stats.showTable')}</summary>
        <div className="table-wrap stats-table" role="region" aria-label={caption} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{firstColumn}</th>
                {series.map((s) => (
                  <th key={s.label} scope="col">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rowLabels.map((label, index) => (
                <tr key={`${label}-${index}`}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.label}>{number.format(s.data[index] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
