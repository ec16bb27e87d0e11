import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { useApiResource } from '../auth/useApiResource';
import { isSafetyNotice, SafetyNoticeItem } from '../safety/SafetyNotice';
import { CompletionSummary, parseCompletionSummary } from './CompletionSummary';
import { ProgressBar } from './ProgressBar';
import { StepCard } from './StepCard';
import { localised, parseStepData, programmeApi, type Enrolment, type StepAnswer } from './types';
import { useProgrammeText } from './useProgrammeText';
import './programme.css';

/** The part of a chat message the guide messages need. */
export interface GuideChatMessage {
  key: string;
  seq: number | null;
  senderId: string;
  body: string;
  createdAt?: string | undefined;
  kind?: string | undefined;
  data?: Record<string, unknown> | null | undefined;
}

/** Kinds drawn by the programme module instead of as a plain text bubble. */
export function isGuideKind(kind: string | undefined): boolean {
  return kind === 'STEP' || kind === 'FEEDBACK' || kind === 'NOTICE';
}

/**
 * The key of the one STEP message that can be answered: the newest STEP, when no ANSWER to
 * the same step follows it. Null when there is none.
 */
export function currentStepKey(messages: readonly GuideChatMessage[]): string | null {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (!message || message.kind !== 'STEP') continue;
    const stepId = message.data?.stepId;
    const answered = messages.slice(i + 1).some((m) => m.kind === 'ANSWER' && m.data?.stepId === stepId);
    return answered ? null : message.key;
  }
  return null;
}

/**
 * Whether a message is the client's "Next" after an information step: a way to go on, not
 * something the client wrote, so the chat shows no bubble for it. The step is looked up among the
 * loaded messages; when it is not loaded, an empty answer tells the same.
 */
export function isContinueAnswer(message: GuideChatMessage, messages: readonly GuideChatMessage[]): boolean {
  if (message.kind !== 'ANSWER') return false;
  const stepId = message.data?.stepId;
  const step = messages.find((m) => m.kind === 'STEP' && m.data?.stepId === stepId);
  if (step) return step.data?.kind === 'INFO';
  const answer = message.data?.answer;
  return typeof answer === 'object' && answer !== null && Object.keys(answer).length === 0;
}

/** Sends a step answer over REST; resolves with the enrolment, rejects with the problem (its code). */
export function useAnswerStep() {
  const { api } = useAuth();
  return (enrolmentId: string, stepId: string, answer: StepAnswer) =>
    api.request<Enrolment>(programmeApi.answers(enrolmentId), { method: 'POST', body: { stepId, answer } });
}

/** One STEP, FEEDBACK or NOTICE message of a guide conversation, as a list item. */
export function GuideMessageItem({ message, interactive }: { message: GuideChatMessage; interactive: boolean }) {
  const p = useProgrammeText();
  const answerStep = useAnswerStep();

  if (message.kind === 'NOTICE') {
    // Safety notices (the crisis card, a moderator joining) look the same in every conversation.
    if (isSafetyNotice(message)) return <SafetyNoticeItem message={message} />;
    const summary = parseCompletionSummary(message.data);
    if (summary) return <CompletionSummary summary={summary} body={message.body} />;
    return (
      <li className="guide-notice">
        <p>{message.body}</p>
      </li>
    );
  }
  if (message.kind === 'FEEDBACK') {
    // The module of the answered step, in the client's language, says what the comment is about.
    const module = typeof message.data?.module === 'string' ? message.data.module : '';
    return (
      <li className="message message--other feedback-bubble">
        <div className="message__bubble">
          <span className="feedback-bubble__label">{module ? p('message.feedbackAbout', { module }) : p('message.feedback')}</span>
          <p className="message__body">{message.body}</p>
        </div>
      </li>
    );
  }
  const step = parseStepData(message.data);
  if (!step) {
    return (
      <li className="message message--other">
        <div className="message__bubble">
          <p className="message__body">{message.body}</p>
        </div>
      </li>
    );
  }
  return (
    <li className="message message--other message--step">
      <StepCard step={step} body={message.body} interactive={interactive} onAnswer={(answer) => answerStep(step.enrolmentId, step.stepId, answer)} />
    </li>
  );
}

/** Guide conversation id → the programme's title (from the client's own enrolments). */
export function useGuideTitles(guideConversations: number): ReadonlyMap<string, string> {
  const { i18n } = useTranslation();
  const enrolments = useApiResource<Enrolment[]>(guideConversations > 0 ? programmeApi.mine : null);
  const { reload } = enrolments;
  const language = i18n.resolvedLanguage;
  // A new guide conversation (a programme just started): learn its title.
  const seen = useRef(guideConversations);
  useEffect(() => {
    if (seen.current === guideConversations) return;
    const first = seen.current === 0;
    seen.current = guideConversations;
    if (!first) reload();
  }, [guideConversations, reload]);
  return useMemo(
    () => new Map((enrolments.data ?? []).map((e) => [e.conversationId, localised(e.title, language)] as const)),
    [enrolments.data, language],
  );
}

/**
 * The progress of the enrolment behind a guide conversation (`GET /api/enrolments`), loaded
 * again whenever another answer arrives.
 */
export function GuideProgress({ conversationId, answers }: { conversationId: string; answers: number }) {
  const p = useProgrammeText();
  const { i18n } = useTranslation();
  const enrolments = useApiResource<Enrolment[]>(programmeApi.mine);
  const { reload } = enrolments;
  const seen = useRef(answers);
  useEffect(() => {
    if (seen.current === answers) return;
    seen.current = answers;
    reload();
  }, [answers, reload]);

  const enrolment = useMemo(
    () => (enrolments.data ?? []).find((e) => e.conversationId === conversationId) ?? null,
    [enrolments.data, conversationId],
  );
  if (!enrolment) return null;
  const title = localised(enrolment.title, i18n.resolvedLanguage);
  return (
    <div className="guide-progress">
      <ProgressBar done={enrolment.stepsDone} total={enrolment.stepsTotal} title={title} />
      {enrolment.status !== 'ACTIVE' && <p className="muted">{p(`status.${enrolment.status}` as 'status.ACTIVE')}</p>}
    </div>
  );
}
