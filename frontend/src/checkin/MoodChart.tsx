import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../app/format';
import { axisLabelDays, calendarDateLines, dailySeries, formatCalendarDate, formatScore, weekdayName, weekdaySeries } from './trendData';
import { SCALE_MAX, SCALE_MIN, type TrendDay, type WeekdayTrend } from './types';
import './checkin.css';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Tooltip, Legend);

/** Mood in the app's accent; stress in a darker brown, drawn dashed with triangles (not told apart by colour alone). */
export const MOOD_COLOUR = '#2f6b5e';
export const STRESS_COLOUR = '#8a3a12';

const Y_SCALE = { min: SCALE_MIN, max: SCALE_MAX, ticks: { stepSize: 1, precision: 0 } };

/**
 * Room (px) around the line chart's plot area for a point at its edge: the largest hovered
 * point (stress triangle, radius 7, plus its border). Chart.js clips points at a fixed min or
 * max (mood 10 at the top) and the canvas cuts the last day's point without a label next to it.
 */
const POINT_ROOM = 8;

/**
 * Daily mood and stress as a line chart, with the same numbers as a table (folded away; a
 * screen reader gets the summary in the image's name and can open the table).
 */
export function MoodChart({ days, caption }: { days: readonly TrendDay[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(i18n.resolvedLanguage);
  const canvas = useRef<HTMLCanvasElement>(null);
  const series = dailySeries(days);
  const labels = series.dates.map((date) => formatCalendarDate(date, locale, { day: 'numeric', month: 'short' }));
  const moodLabel = t('checkin.trends.mood');
  const stressLabel = t('checkin.trends.stress');
  // Chosen here rather than by Chart.js's auto-skip, which drops whichever dates it likes,
  // often the only day with a check-in.
  const labelled = axisLabelDays(series);
  const axisDates = series.dates.map((date) => calendarDateLines(date, locale, { day: 'numeric', month: 'short' }));
  const key = JSON.stringify([labels, series.mood, series.stress, moodLabel, stressLabel]);

  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels,
        datasets: [
          {
            label: moodLabel,
            data: series.mood,
            borderColor: MOOD_COLOUR,
            backgroundColor: MOOD_COLOUR,
            pointStyle: 'circle',
            pointRadius: 4,
            pointHoverRadius: 6,
            borderWidth: 2.5,
            spanGaps: true,
            tension: 0.2,
            clip: POINT_ROOM,
          },
          {
            label: stressLabel,
            data: series.stress,
            borderColor: STRESS_COLOUR,
            backgroundColor: STRESS_COLOUR,
            borderDash: [6, 4],
            pointStyle: 'triangle',
            pointRadius: 5,
            pointHoverRadius: 7,
            borderWidth: 2,
            spanGaps: true,
            tension: 0.2,
            clip: POINT_ROOM,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        layout: { padding: { top: POINT_ROOM, right: POINT_ROOM } },
        scales: {
          y: Y_SCALE,
          x: {
            // Half a day of room at both ends, so the first and the last day are not on the edge.
            offset: true,
            ticks: {
              autoSkip: false,
              maxRotation: 0,
              // Day and month on two lines; null hides the date and its grid line.
              callback: (value) => (labelled.has(Number(value)) ? (axisDates[Number(value)] ?? null) : null),
            },
          },
        },
        plugins: { legend: { labels: { usePointStyle: true } } },
      },
    });
    return () => chart.destroy();
    // Drawn again when the data (its text form) changes.
  }, [key]);

  const rows = series.dates
    .map((date, index) => ({ key: date, mood: series.mood[index] ?? null, stress: series.stress[index] ?? null }))
    .filter((row) => row.mood !== null || row.stress !== null)
    .map((row) => ({ ...row, label: formatCalendarDate(row.key, locale, { weekday: 'short', day: 'numeric', month: 'long' }) }));

  return (
    <TrendFigure canvas={canvas} caption={caption} firstColumn={t('checkin.trends.date')} rows={rows} moodLabel={moodLabel} stressLabel={stressLabel} />
  );
}

/** Average mood and stress per weekday as a bar chart, with the numbers as a table. */
export function WeekdayChart({ weekdays, caption }: { weekdays: readonly WeekdayTrend[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(i18n.resolvedLanguage);
  const canvas = useRef<HTMLCanvasElement>(null);
  const series = weekdaySeries(weekdays);
  const labels = series.weekdays.map((day) => weekdayName(day, locale, 'short'));
  const moodLabel = t('checkin.trends.mood');
  const stressLabel = t('checkin.trends.stress');
  const key = JSON.stringify([labels, series.mood, series.stress, moodLabel, stressLabel]);

  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: moodLabel, data: series.mood, backgroundColor: MOOD_COLOUR, borderColor: MOOD_COLOUR, borderWidth: 1 },
          // A light fill with a strong border: stress bars differ in lightness, not only in hue.
          { label: stressLabel, data: series.stress, backgroundColor: '#f4d9c6', borderColor: STRESS_COLOUR, borderWidth: 2 },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { ...Y_SCALE, min: 0 } },
      },
    });
    return () => chart.destroy();
  }, [key]);

  const rows = series.weekdays.map((day, index) => ({
    key: String(day),
    label: weekdayName(day, locale),
    mood: series.mood[index] ?? null,
    stress: series.stress[index] ?? null,
  }));

  return (
    <TrendFigure
      canvas={canvas}
      small
      caption={caption}
      firstColumn={t('checkin.trends.weekday')}
      rows={rows}
      moodLabel={moodLabel}
      stressLabel={stressLabel}
    />
  );
}

interface TrendRow {
  key: string;
  label: string;
  mood: number | null;
  stress: number | null;
}

interface TrendFigureProps {
  canvas: RefObject<HTMLCanvasElement | null>;
  caption: string;
  firstColumn: string;
  rows: readonly TrendRow[];
  moodLabel: string;
  stressLabel: string;
  small?: boolean;
}

/** A chart with its caption, and the same numbers as a table folded away under it. */
function TrendFigure({ canvas, caption, firstColumn, rows, moodLabel, stressLabel, small = false }: TrendFigureProps) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(i18n.resolvedLanguage);
  return (
    <figure className="trend-figure">
      <figcaption className="trend-figure__caption">{caption}</figcaption>
      <div className={`trend-chart${small ? ' trend-chart--small' : ''}`}>
        <canvas ref={canvas} role="img" aria-label={caption} />
      </div>
      <details className="disclosure">
        <summary>{t('checkin.trends.showTable')}</summary>
        <div className="table-wrap trend-table" role="region" aria-label={caption} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{firstColumn}</th>
                <th scope="col">{moodLabel}</th>
                <th scope="col">{stressLabel}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  <td>{formatScore(row.mood, locale)}</td>
                  <td>{formatScore(row.stress, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
