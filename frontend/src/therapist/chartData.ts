import type { Enrolment, Score } from '../programme/types';

export interface ScoreSeries {
  /** The questionnaire id, e.g. `phq-9`. */
  questionnaire: string;
  /** Oldest first. */
  points: Score[];
  /** The highest possible total (for the y axis), when known. */
  max: number | null;
}

const MAX_SCORE: Record<string, number> = { 'phq-9': 27, 'gad-7': 21 };

/** The questionnaire name as people write it: `phq-9` → `PHQ-9`. */
export function questionnaireName(id: string): string {
  return id.toUpperCase();
}

/** All scores of all enrolments of a client, one series per questionnaire, in time order. */
export function scoreSeries(enrolments: readonly Pick<Enrolment, 'scores'>[]): ScoreSeries[] {
  const byQuestionnaire = new Map<string, Score[]>();
  for (const enrolment of enrolments) {
    for (const score of enrolment.scores ?? []) {
      if (!score.questionnaire || typeof score.score !== 'number') continue;
      const list = byQuestionnaire.get(score.questionnaire) ?? [];
      list.push(score);
      byQuestionnaire.set(score.questionnaire, list);
    }
  }
  return [...byQuestionnaire.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([questionnaire, points]) => ({
      questionnaire,
      points: [...points].sort((a, b) => a.at.localeCompare(b.at)),
      max: MAX_SCORE[questionnaire] ?? null,
    }));
}
