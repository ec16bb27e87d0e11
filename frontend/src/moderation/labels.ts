import type { TFunction } from 'i18next';
import {
  CATEGORIES,
  REASONS,
  SIGNAL_SOURCES,
  type Category,
  type DismissReason,
  type EscalationSummary,
  type QuestionnaireAnswer,
  type Reason,
  type Severity,
  type Signal,
  type SignalSource,
} from '../safety/types';

/*
 * The words a moderator reads for the codes of the safety contract: where a signal came from,
 * what kind of risk, why the detector flagged it, and a questionnaire answer in plain language.
 */

function isSource(value: string): value is SignalSource {
  return (SIGNAL_SOURCES as readonly string[]).includes(value);
}

function isReason(value: string): value is Reason {
  return (REASONS as readonly string[]).includes(value);
}

function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** "Chatbericht", "Hulpknop", …; a source the app does not know yet is shown as it is. */
export function sourceText(t: TFunction, source: string): string {
  return isSource(source) ? t(`escalation.source.${source}`) : source;
}

/**
 * The kind of risk. Without a category it says what is known instead of "unknown": a press on
 * the help button is a request for help, a therapist's escalation their concern, and a review
 * item is not clear yet.
 */
export function categoryText(t: TFunction, category: Category | null, context: { source?: string | null | undefined; severity?: Severity | undefined } = {}): string {
  if (isCategory(category)) return t(`escalation.category.${category}`);
  if (context.source === 'HELP_BUTTON') return t('escalation.category.helpRequest');
  if (context.source === 'THERAPIST') return t('escalation.category.therapistConcern');
  if (context.severity === 'REVIEW') return t('escalation.category.unclear');
  return t('escalation.category.none');
}

/** "PHQ-9, vraag 9: 2 van 3" */
export function questionnaireText(t: TFunction, answer: QuestionnaireAnswer): string {
  return t('escalation.questionnaire', { name: answer.name, item: answer.item, value: answer.value, max: answer.max });
}

/** The text a moderator reads for a signal: a questionnaire answer in words, else what was written. */
export function signalText(t: TFunction, signal: Pick<Signal, 'source' | 'text' | 'questionnaire'>): string {
  return signal.questionnaire ? questionnaireText(t, signal.questionnaire) : signal.text;
}

/** Whether the signal's own text is shown (so its highlights apply). */
export function showsOwnText(signal: Pick<Signal, 'questionnaire'>): boolean {
  return signal.questionnaire === null;
}

/** One reason code in words; an unknown code as it is. */
export function reasonWord(t: TFunction, code: string): string {
  return isReason(code) ? t(`escalation.reason.${code}`) : code;
}

/** "plan + tijdstip, met eerdere berichten", or null when the detector gave no reason. */
export function reasonText(t: TFunction, reasons: readonly string[], contextUsed: boolean): string | null {
  const words = [...new Set(reasons)].map((code) => reasonWord(t, code));
  const joined = words.join(' + ');
  if (!contextUsed) return joined || null;
  const withContext = t('escalation.reasonWithContext');
  return joined ? `${joined}, ${withContext}` : withContext;
}

export function dismissReasonText(t: TFunction, reason: DismissReason): string {
  return t(`escalation.dismissReason.${reason}`);
}

/** "Vals alarm", or for a dismissed review item "Niet zorgwekkend: overdreven uitgedrukt". */
export function outcomeText(t: TFunction, escalation: Pick<EscalationSummary, 'outcome' | 'dismissReason'>): string {
  if (!escalation.outcome) return '';
  const outcome = t(`escalation.outcome.${escalation.outcome}`);
  return escalation.outcome === 'DISMISSED' && escalation.dismissReason ? `${outcome}: ${dismissReasonText(t, escalation.dismissReason)}` : outcome;
}
