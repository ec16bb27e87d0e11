import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useId, useRef } from 'react';
import { useFormatDate } from '../app/format';
import { bandText } from '../programme/answers';
import { useProgrammeText } from '../programme/useProgrammeText';
import { questionnaireName, type ScoreSeries } from './chartData';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip);

const ACCENT = '#2f6b5e';

/** A line chart of one questionnaire's scores over time, with the same data as a (hidden) table. */
export function ScoreChart({ series }: { series: ScoreSeries }) {
  const p = useProgrammeText();
  const formatDate = useFormatDate();
  const canvas = useRef<HTMLCanvasElement>(null);
  const tableId = useId();
  const name = questionnaireName(series.questionnaire);
  const labels = series.points.map((point) => formatDate(point.at));
  const values = series.points.map((point) => point.score);
  const bands = series.points.map((point) => bandText(point.band, p));
  const key = JSON.stringify([labels, values, bands, series.max]);

  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels,
        datasets: [
          {
            label: name,
            data: values,
            borderColor: ACCENT,
            backgroundColor: ACCENT,
            pointRadius: 5,
            pointHoverRadius: 7,
            tension: 0.2,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          y: { beginAtZero: true, ...(series.max !== null ? { max: series.max } : {}), ticks: { precision: 0 } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) => `${name}: ${item.formattedValue} · ${bands[item.dataIndex] ?? ''}`,
            },
          },
        },
      },
    });
    return () => chart.destroy();
    // The chart is drawn again when the data (its text form) changes.
  }, [key]);

  const latest = series.points[series.points.length - 1];
  return (
    <figure className="score-figure">
      <figcaption>
        <strong>{name}</strong>
        {latest && (
          <span className="muted">
            {' '}
            · {formatDate(latest.at)}: {latest.score} — {bandText(latest.band, p)}
          </span>
        )}
      </figcaption>
      <div className="score-chart">
        <canvas ref={canvas} role="img" aria-label={p('therapist.chartLabel', { name })} />
      </div>
      <table className="visually-hidden" id={tableId}>
        <caption>{p('therapist.chartLabel', { name })}</caption>
        <thead>
          <tr>
            <th scope="col">{p('therapist.tableDate')}</th>
            <th scope="col">{p('therapist.tableScore')}</th>
            <th scope="col">{p('therapist.tableBand')}</th>
          </tr>
        </thead>
        <tbody>
          {series.points.map((point, index) => (
            <tr key={`${point.at}-${index}`}>
              <td>{labels[index]}</td>
              <td>{point.score}</td>
              <td>{bands[index]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
