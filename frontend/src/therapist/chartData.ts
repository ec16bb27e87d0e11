import type { Enrolment, Score, ScoreBand } from '../programme/types';

export interface ScoreSeries {
  /** The questionnaire id, e.g. `phq-9`. */
  questionnaire: string;
  /** Oldest first. */
  points: Score[];
  /** The highest possible total (for the y axis), when known. */
  max: number | null;
  /** The questionnaire's score bands, lowest first (empty when the server sent none). */
  bands: ScoreBand[];
}

// For servers that do not send the questionnaires yet.
const MAX_SCORE: Record<string, number> = { 'phq-9': 27, 'gad-7': 21 };

/** The questionnaire name as people write it: `phq-9` → `PHQ-9`. */
export function questionnaireName(id: string): string {
  return id.toUpperCase();
}

/** All scores of all enrolments of a client, one series per questionnaire, in time order. */
export function scoreSeries(enrolments: readonly Pick<Enrolment, 'scores' | 'questionnaires' | 'startedAt'>[]): ScoreSeries[] {
  const byQuestionnaire = new Map<string, Score[]>();
  for (const enrolment of enrolments) {
    for (const score of enrolment.scores ?? []) {
      if (!score.questionnaire || typeof score.score !== 'number') continue;
      const list = byQuestionnaire.get(score.questionnaire) ?? [];
      list.push(score);
      byQuestionnaire.set(score.questionnaire, list);
    }
  }
  // The newest enrolment describes the questionnaire as it is used now.
  const newestFirst = [...enrolments].sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  return [...byQuestionnaire.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([questionnaire, points]) => {
      const info = newestFirst.flatMap((e) => e.questionnaires ?? []).find((q) => q.id === questionnaire);
      return {
        questionnaire,
        points: [...points].sort((a, b) => a.at.localeCompare(b.at)),
        max: info?.maxScore ?? MAX_SCORE[questionnaire] ?? null,
        bands: [...(info?.bands ?? [])].sort((a, b) => a.min - b.min),
      };
    });
}

/** Whether two instants fall on the same calendar day where the page is read. */
function sameDay(a: string, b: string): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

/**
 * The label of each point: its date, with the time added where another point has the same
 * date (two scores of one day could not be told apart otherwise).
 */
export function pointLabels(points: readonly Score[], format: (iso: string, options?: { withTime?: boolean }) => string): string[] {
  return points.map((point) => {
    const twin = points.some((other) => other !== point && sameDay(other.at, point.at));
    return format(point.at, { withTime: twin });
  });
}

/** Background colours of the bands, calm to alarming, light enough for the line to stay readable. */
const BAND_COLOURS = ['#e4f2ea', '#f3f1d8', '#f8e6cd', '#f6d6c9', '#f0c4c4'];

/** The background colour of band `index` out of `count`, spread over the palette. */
export function bandColour(index: number, count: number): string {
  const last = BAND_COLOURS.length - 1;
  const position = count <= 1 ? 0 : Math.round((index * last) / (count - 1));
  return BAND_COLOURS[Math.min(last, Math.max(0, position))] as string;
}
