import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip, type Chart as ChartType } from 'chart.js';
import { useEffect, useId, useRef } from 'react';
import { useFormatDate } from '../app/format';
import { bandText } from '../programme/answers';
import { useProgrammeText } from '../programme/useProgrammeText';
import { useTranslation } from 'react-i18next';
import { localised, type ScoreBand } from '../programme/types';
import { bandColour, pointLabels, questionnaireName, type ScoreSeries } from './chartData';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip);

const ACCENT = '#2f6b5e';

/**
 * Paints the questionnaire's score bands behind the line, so a score reads against its
 * level. A band covers its whole totals: from half a point below its minimum to half a
 * point above its maximum, where the next band starts.
 */
function bandsBehind(bands: readonly ScoreBand[]) {
  return {
    id: 'scoreBands',
    bands,
    beforeDatasetsDraw(chart: ChartType) {
      const y = chart.scales.y;
      const area = chart.chartArea;
      if (!y || !area) return;
      chart.ctx.save();
      bands.forEach((band, index) => {
        const top = y.getPixelForValue(Math.min(band.max + 0.5, y.max));
        const bottom = y.getPixelForValue(Math.max(band.min - 0.5, y.min));
        chart.ctx.fillStyle = bandColour(index, bands.length);
        chart.ctx.fillRect(area.left, top, area.right - area.left, bottom - top);
      });
      chart.ctx.restore();
    },
  };
}

/**
 * A line chart of one questionnaire's scores over time over its score bands, with the change
 * since the score before and the same data as a (hidden) table. Points of the same day carry
 * their time; with more than one run of a programme the run is named too.
 */
export function ScoreChart({ series }: { series: ScoreSeries }) {
  const p = useProgrammeText();
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage;
  const formatDate = useFormatDate();
  const canvas = useRef<HTMLCanvasElement>(null);
  const tableId = useId();
  const name = questionnaireName(series.questionnaire);
  const labels = pointLabels(series.points, formatDate);
  const values = series.points.map((point) => point.score);
  const bands = series.points.map((point) => bandText(point.band, p));
  const severalRuns = new Set(series.points.map((point) => point.run ?? 1)).size > 1;
  const runs = series.points.map((point) => (severalRuns ? p('therapist.run', { run: point.run ?? 1 }) : ''));
  const key = JSON.stringify([labels, values, bands, runs, series.max, series.bands]);

  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, {
      type: 'line',
      plugins: [bandsBehind(series.bands)],
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
              label: (item) => [`${name}: ${item.formattedValue}`, bands[item.dataIndex], runs[item.dataIndex]].filter(Boolean).join(' · '),
            },
          },
        },
      },
    });
    return () => chart.destroy();
    // The chart is drawn again when the data (its text form) changes.
  }, [key]);

  const latest = series.points[series.points.length - 1];
  const previousIndex = series.points.length - 2;
  const previous = series.points[previousIndex];
  const change = latest && previous ? latest.score - previous.score : null;
  return (
    <figure className="score-figure">
      <figcaption>
        <strong>{name}</strong>
        {latest && (
          <span className="muted">
            {' '}
            · {labels[labels.length - 1]}: {latest.score} — {bandText(latest.band, p)}
          </span>
        )}
        {change !== null && (
          <span className="score-change">
            {' '}
            ·{' '}
            {p(change > 0 ? 'therapist.changeUp' : change < 0 ? 'therapist.changeDown' : 'therapist.changeSame', {
              change: Math.abs(change),
              date: labels[previousIndex] ?? '',
            })}
          </span>
        )}
      </figcaption>
      <div className="score-chart">
        <canvas ref={canvas} role="img" aria-label={p('therapist.chartLabel', { name })} />
      </div>
      {/* Hidden in a box: a table is as wide as its cells whatever its width, so on its own it would widen a phone page. */}
      <div className="visually-hidden">
        <table id={tableId}>
          <caption>{p('therapist.chartLabel', { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{p('therapist.tableDate')}</th>
              <th scope="col">{p('therapist.tableScore')}</th>
              <th scope="col">{p('therapist.tableBand')}</th>
              {severalRuns && <th scope="col">{p('therapist.tableRun')}</th>}
            </tr>
          </thead>
          <tbody>
            {series.points.map((point, index) => (
              <tr key={`${point.at}-${index}`}>
                <td>{labels[index]}</td>
                <td>{point.score}</td>
                <td>{bands[index]}</td>
                {severalRuns && <td>{runs[index]}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {series.bands.length > 0 && (
        <ul className="score-bands" aria-label={p('therapist.bands', { name })}>
          {series.bands.map((band, index) => (
            <li key={band.id}>
              <span className="score-bands__swatch" style={{ background: bandColour(index, series.bands.length) }} aria-hidden="true" />
              {p('therapist.bandRange', { label: localised(band.label, lang) || bandText(band.id, p), min: band.min, max: band.max })}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
