import { useProgrammeText } from './useProgrammeText';
import './programme.css';

/** Steps done of a programme, as an accessible progress bar with the numbers visible. */
export function ProgressBar({ done, total, title }: { done: number; total: number; title: string }) {
  const p = useProgrammeText();
  const max = Math.max(1, total);
  const value = Math.min(Math.max(0, done), max);
  const text = p('progress.value', { done: value, total: max });
  return (
    <div className="progress">
      <div className="progress__label">
        <span>{p('progress.label', { title })}</span>
        <span aria-hidden="true">{text}</span>
      </div>
      <div
        className="progress__track"
        role="progressbar"
        aria-label={p('progress.label', { title })}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={text}
      >
        <div className="progress__fill" style={{ width: `${(value / max) * 100}%` }} />
      </div>
    </div>
  );
}
