import { useId } from 'react';
import { useFormatDate } from '../app/format';
import { isRecord } from '../app/json';
import { bandText } from './answers';
import { formatSeconds } from './types';
import { useProgrammeText } from './useProgrammeText';

/** One questionnaire score in a completed run, as the pinned questionnaire scored it. */
export interface SummaryScore {
  questionnaire: string;
  name: string;
  score: number;
  maxScore: number;
  band: string;
}

/** The `data.summary` of a completion notice: what the client did in the run just finished. */
export interface CompletionSummaryData {
  title: string;
  stepsDone: number;
  exerciseSeconds: number;
  startedAt: string;
  completedAt: string;
  scores: SummaryScore[];
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Reads the summary of a completion NOTICE; null for any other notice or an older one without it. */
export function parseCompletionSummary(data: unknown): CompletionSummaryData | null {
  if (!isRecord(data) || data.notice !== 'completed' || !isRecord(data.summary)) return null;
  const s = data.summary;
  return {
    title: str(data.title),
    stepsDone: num(s.stepsDone),
    exerciseSeconds: num(s.exerciseSeconds),
    startedAt: str(s.startedAt),
    completedAt: str(s.completedAt),
    scores: Array.isArray(s.scores)
      ? s.scores.filter(isRecord).map((score) => ({
          questionnaire: str(score.questionnaire),
          name: str(score.name),
          score: num(score.score),
          maxScore: num(score.maxScore),
          band: str(score.band),
        }))
      : [],
  };
}

/** The card after a programme is finished: steps done, exercise time, dates and questionnaire scores. */
export function CompletionSummary({ summary, body }: { summary: CompletionSummaryData; body: string }) {
  const p = useProgrammeText();
  const formatDate = useFormatDate();
  const headingId = useId();
  return (
    <li className="guide-summary">
      <section className="guide-summary__card" aria-labelledby={headingId}>
        <h2 id={headingId} className="guide-summary__title">
          {summary.title ? p('summary.titleOf', { title: summary.title }) : p('summary.title')}
        </h2>
        <p>{body}</p>
        <dl className="guide-summary__facts">
          <div>
            <dt>{p('summary.steps')}</dt>
            <dd>{summary.stepsDone}</dd>
          </div>
          {summary.exerciseSeconds > 0 && (
            <div>
              <dt>{p('summary.exercise')}</dt>
              <dd>{formatSeconds(summary.exerciseSeconds)}</dd>
            </div>
          )}
          <div>
            <dt>{p('summary.started')}</dt>
            <dd>{formatDate(summary.startedAt)}</dd>
          </div>
          <div>
            <dt>{p('summary.completed')}</dt>
            <dd>{formatDate(summary.completedAt)}</dd>
          </div>
        </dl>
        {summary.scores.length > 0 && (
          <>
            <h3 className="guide-summary__subtitle">{p('summary.scores')}</h3>
            <ul className="guide-summary__scores">
              {summary.scores.map((score) => (
                <li key={score.questionnaire}>
                  <span className="guide-summary__score-name">{score.name}</span>{' '}
                  {p('summary.score', { score: score.score, max: score.maxScore, band: bandText(score.band, p) })}
                </li>
              ))}
            </ul>
            <p className="muted">{p('summary.scoresHint')}</p>
          </>
        )}
      </section>
    </li>
  );
}
