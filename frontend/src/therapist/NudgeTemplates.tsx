import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../app/feedback';
import { TextAreaField, TextField } from '../app/forms';
import { useAuth } from '../auth/AuthProvider';
import { ApiError } from '../auth/problem';
import { characterCount } from '../chat/chatStore';
import { MAX_NUDGE, MAX_TEMPLATE_TITLE, nudgeApi, type Template } from './nudges';

interface NudgeTemplatesProps {
  templates: Template[];
  /** The list changed on the server: load it again. */
  onChanged: () => void;
}

/** The therapist's own templates: add one, delete one. */
export function NudgeTemplates({ templates, onChanged }: NudgeTemplatesProps) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ title?: string; text?: string }>({});
  const [result, setResult] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setResult(null);
    const found: { title?: string; text?: string } = {};
    const titleLength = characterCount(title.trim());
    const textLength = characterCount(text.trim());
    if (titleLength === 0 || titleLength > MAX_TEMPLATE_TITLE) found.title = t('nudge.templates.titleInvalid', { max: MAX_TEMPLATE_TITLE });
    if (textLength === 0 || textLength > MAX_NUDGE) found.text = t('nudge.templates.textInvalid', { max: MAX_NUDGE });
    setErrors(found);
    if (found.title || found.text) return;
    setBusy(true);
    try {
      await api.request(nudgeApi.templates, { method: 'POST', body: { title: title.trim(), text: text.trim() } });
      setTitle('');
      setText('');
      setResult({ kind: 'success', text: t('nudge.templates.added') });
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'template.invalid') {
        const field = error.fieldErrors[0]?.field;
        setErrors(field === 'title' ? { title: t('nudge.templates.titleInvalid', { max: MAX_TEMPLATE_TITLE }) } : { text: t('nudge.templates.textInvalid', { max: MAX_NUDGE }) });
      } else if (error instanceof ApiError && error.code === 'template.limit') {
        setResult({ kind: 'error', text: t('nudge.templates.limit') });
      } else {
        setResult({ kind: 'error', text: errorText(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  const remove = async (template: Template) => {
    setResult(null);
    try {
      await api.request(nudgeApi.template(template.id), { method: 'DELETE' });
      setResult({ kind: 'success', text: t('nudge.templates.deleted', { title: template.title }) });
      onChanged();
    } catch (error) {
      // Already gone (another tab): the list is simply out of date.
      if (error instanceof ApiError && error.code === 'template.not-found') onChanged();
      else setResult({ kind: 'error', text: errorText(error) });
    }
  };

  return (
    <details className="disclosure nudge-templates">
      <summary>{t('nudge.templates.manage', { count: templates.length })}</summary>
      <div className="live" role="status">
        {result?.kind === 'success' && <p className="notice notice--success">{result.text}</p>}
      </div>
      <div className="live" role="alert">
        {result?.kind === 'error' && <p className="notice notice--error">{result.text}</p>}
      </div>
      {templates.length === 0 ? (
        <p className="muted">{t('nudge.templates.none')}</p>
      ) : (
        <ul className="template-list">
          {templates.map((template) => (
            <li key={template.id} className="template-item">
              <p className="template-item__title">{template.title}</p>
              <p className="template-item__text">{template.text}</p>
              <button type="button" className="button button--secondary button--small" onClick={() => void remove(template)}>
                {t('nudge.templates.delete')} <span className="visually-hidden">{template.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form template-form" onSubmit={(event) => void add(event)} noValidate>
        {/* Under the section's h2: the nudge panel has no h3 above the templates. */}
        <h3>{t('nudge.templates.addTitle')}</h3>
        <TextField label={t('nudge.templates.title')} value={title} error={errors.title} onChange={(event) => {
          setTitle(event.target.value);
          setErrors(({ text: textError }) => (textError ? { text: textError } : {}));
        }} />
        <TextAreaField
          id="template-text"
          rows={2}
          label={t('nudge.templates.text')}
          value={text}
          error={errors.text}
          onChange={(event) => {
            setText(event.target.value);
            setErrors(({ title: titleError }) => (titleError ? { title: titleError } : {}));
          }}
        />
        <div className="form__actions">
          <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
            {t('nudge.templates.add')}
          </button>
        </div>
      </form>
    </details>
  );
}
