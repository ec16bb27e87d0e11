import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../app/feedback';
import { FieldError, TextAreaField } from '../app/forms';
import { useAuth } from '../auth/AuthProvider';
import { useApiResource } from '../auth/useApiResource';
import { characterCount } from '../chat/chatStore';
import { CrisisCard } from '../safety/CrisisCard';
import type { CrisisCard as CrisisCardData } from '../safety/types';
import { ScaleField } from './ScaleField';
import { checkinApi, MAX_NOTE, MAX_TAGS, newCheckInId, NOTE_COUNTER_FROM, parsePosted, type Posted } from './types';
import { useTagLabel } from './useTagLabel';
import { checkInBody, errorsFromProblem, normaliseNote, validateCheckIn, type CheckInDraft, type CheckInErrors, type CheckInField } from './validation';
import './checkin.css';

const EMPTY: CheckInDraft = { mood: null, stress: null, tags: [], note: '' };

/** The text for an error code of one field. */
export function useCheckInErrorText() {
  const { t } = useTranslation();
  return (field: CheckInField, code: string): string => {
    if (field === 'mood' || field === 'stress') return t('checkin.errors.scale');
    if (code === 'tags.too-many') return t('checkin.errors.tagsTooMany', { max: MAX_TAGS });
    if (field === 'tags') return t('checkin.errors.tagsUnknown');
    if (code === 'note.too-long') return t('checkin.errors.noteTooLong', { max: MAX_NOTE });
    if (code === 'note.control-characters') return t('checkin.errors.noteCharacters');
    return t('checkin.errors.field');
  };
}

/**
 * The check-in: mood, stress, tags and a note. Its id is made here and kept until the
 * check-in is stored, so sending again after a failure never stores it twice. When the note
 * worried the safety check, the crisis card comes at once.
 */
export function CheckinForm({ onSaved }: { onSaved: (posted: Posted) => void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const tagLabel = useTagLabel();
  const errorText = useCheckInErrorText();
  const tags = useApiResource<unknown>(checkinApi.tags);
  const vocabulary = Array.isArray(tags.data) ? tags.data.filter((tag): tag is string => typeof tag === 'string') : [];
  const [draft, setDraft] = useState<CheckInDraft>(EMPTY);
  const [errors, setErrors] = useState<CheckInErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [crisis, setCrisis] = useState<CrisisCardData | null>(null);
  const id = useRef(newCheckInId());
  const summary = useRef<HTMLDivElement>(null);
  const crisisBox = useRef<HTMLDivElement>(null);
  const noteId = useId();
  const tagsId = useId();

  const errorCount = Object.keys(errors).length;
  const noteLength = characterCount(normaliseNote(draft.note));

  useEffect(() => {
    if (crisis) crisisBox.current?.focus();
  }, [crisis]);

  const change = (next: Partial<CheckInDraft>) => {
    setDraft((current) => ({ ...current, ...next }));
    setSaved(false);
    const touched = Object.keys(next) as CheckInField[];
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([field]) => !touched.includes(field as CheckInField))));
  };

  const toggleTag = (tag: string) => change({ tags: draft.tags.includes(tag) ? draft.tags.filter((t) => t !== tag) : [...draft.tags, tag] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    setSaved(false);
    const invalid = validateCheckIn(draft);
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) {
      summary.current?.focus();
      return;
    }
    setBusy(true);
    setCrisis(null);
    try {
      const posted = parsePosted(await api.request<unknown>(checkinApi.post, { method: 'POST', body: checkInBody(id.current, draft) }));
      // Stored: the next check-in gets an id of its own.
      id.current = newCheckInId();
      setDraft(EMPTY);
      setSaved(true);
      setCrisis(posted.crisis);
      onSaved(posted);
    } catch (error) {
      const { fields, other } = errorsFromProblem(error);
      setErrors(fields);
      if (other || Object.keys(fields).length === 0) setFailure(error);
      summary.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {crisis && (
        <div ref={crisisBox} className="checkin-crisis" tabIndex={-1}>
          <p className="checkin-crisis__intro">{t('checkin.crisisIntro')}</p>
          <CrisisCard card={crisis} />
        </div>
      )}
      <div className="live" role="status">
        {saved && <p className="notice notice--success">{t('checkin.saved')}</p>}
      </div>
      <div ref={summary} tabIndex={-1} className="form-summary">
        {errorCount > 0 && (
          <div className="notice notice--error" role="alert">
            <p>{t('form.checkFields', { count: errorCount })}</p>
          </div>
        )}
        {failure !== null && <ErrorNotice error={failure} />}
      </div>

      <form className="form checkin-form" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy || undefined}>
        <ScaleField
          name="mood"
          legend={t('checkin.mood')}
          lowLabel={t('checkin.moodLow')}
          highLabel={t('checkin.moodHigh')}
          value={draft.mood}
          onChange={(mood) => change({ mood })}
          error={errors.mood ? errorText('mood', errors.mood) : undefined}
        />
        <ScaleField
          name="stress"
          legend={t('checkin.stress')}
          lowLabel={t('checkin.stressLow')}
          highLabel={t('checkin.stressHigh')}
          value={draft.stress}
          onChange={(stress) => change({ stress })}
          error={errors.stress ? errorText('stress', errors.stress) : undefined}
        />

        <fieldset className={`tag-field${errors.tags ? ' tag-field--invalid' : ''}`} aria-describedby={`${tagsId}-hint${errors.tags ? ` ${tagsId}-error` : ''}`}>
          <legend className="field__label">{t('checkin.tags.legend')}</legend>
          <p className="field__hint" id={`${tagsId}-hint`}>
            {t('checkin.tags.hint', { max: MAX_TAGS })}
          </p>
          {tags.status === 'error' && <ErrorNotice error={tags.error} onRetry={tags.reload} />}
          <div className="tag-chips">
            {vocabulary.map((tag) => (
              <label key={tag} className="tag-chip">
                <input type="checkbox" checked={draft.tags.includes(tag)} onChange={() => toggleTag(tag)} aria-invalid={errors.tags ? true : undefined} />
                <span>{tagLabel(tag)}</span>
              </label>
            ))}
          </div>
          {errors.tags && <FieldError id={`${tagsId}-error`}>{errorText('tags', errors.tags)}</FieldError>}
        </fieldset>

        <TextAreaField
          id={noteId}
          label={t('checkin.note')}
          hint={t('checkin.noteHint')}
          value={draft.note}
          error={errors.note ? errorText('note', errors.note) : undefined}
          after={
            <p
              id={`${noteId}-after`}
              className={`note-count${noteLength > MAX_NOTE ? ' note-count--over' : ''}`}
              aria-live={noteLength >= NOTE_COUNTER_FROM ? 'polite' : 'off'}
            >
              {t('checkin.noteCount', { count: noteLength, max: MAX_NOTE })}
            </p>
          }
          onChange={(event) => change({ note: event.target.value })}
        />

        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {busy ? t('checkin.saving') : t('checkin.save')}
          </button>
        </div>
      </form>
    </>
  );
}
