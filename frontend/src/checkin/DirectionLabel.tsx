import { useTranslation } from 'react-i18next';
import type { Direction } from './types';
import './checkin.css';

const ARROW: Record<Direction, string> = {
  UP: 'M12 19V5M6 11l6-6 6 6',
  FLAT: 'M5 12h14M13 6l6 6-6 6',
  DOWN: 'M12 5v14M6 13l6 6 6-6',
};

/** The mood's direction as an arrow AND a word (never by colour alone); "unknown" without enough check-ins. */
export function DirectionLabel({ direction }: { direction: Direction | null }) {
  const { t } = useTranslation();
  const key = direction ?? 'none';
  return (
    <span className={`direction direction--${key}`}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {direction ? <path d={ARROW[direction]} /> : <path d="M7 12h.01M12 12h.01M17 12h.01" />}
      </svg>
      {t(`checkin.direction.${key}`)}
    </span>
  );
}
