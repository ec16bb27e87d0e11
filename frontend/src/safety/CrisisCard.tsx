import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrisisCard as CrisisCardData, CrisisResource } from './types';
import './safety.css';

/**
 * Who to call or write to right now: the crisis lines of the person's country, each with a
 * tap-to-call link. 112 comes marked as the emergency number. Shown in the chat after a worrying
 * message, after the help button, and wherever else someone may need it.
 */
interface CrisisCardProps {
  card: CrisisCardData;
  className?: string;
  /** When it was shown (in a conversation, where several cards may be): part of its name, so each is told apart. */
  when?: string | undefined;
}

export function CrisisCard({ card, className, when }: CrisisCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className={`crisis-card${className ? ` ${className}` : ''}`} aria-labelledby={titleId}>
      <p className="crisis-card__title" id={titleId}>
        <svg className="crisis-card__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 20.5s-7.5-4.6-7.5-10.2A4.3 4.3 0 0 1 12 7.6a4.3 4.3 0 0 1 7.5 2.7c0 5.6-7.5 10.2-7.5 10.2Z" />
        </svg>
        {t('safety.crisis.title')}
        {when && <span className="visually-hidden">, {when}</span>}
      </p>
      {card.intro && <p className="crisis-card__intro">{card.intro}</p>}
      <ul className="crisis-card__list">
        {card.resources.map((resource) => (
          <ResourceItem key={resource.id} resource={resource} />
        ))}
      </ul>
    </section>
  );
}

function ResourceItem({ resource }: { resource: CrisisResource }) {
  const { t } = useTranslation();
  const facts = [resource.hours ? t('safety.crisis.hours', { hours: resource.hours }) : null, resource.audience].filter(Boolean);
  return (
    <li className={`crisis-resource${resource.emergency ? ' crisis-resource--emergency' : ''}`}>
      <p className="crisis-resource__name">
        {resource.emergency && <span className="crisis-resource__flag">{t('safety.crisis.emergency')}</span>}
        {resource.name}
      </p>
      {resource.description && <p className="crisis-resource__description">{resource.description}</p>}
      {facts.length > 0 && <p className="crisis-resource__facts">{facts.join(' · ')}</p>}
      <p className="crisis-resource__actions">
        {resource.phone && (
          <a className="crisis-call" href={`tel:${resource.phone}`}>
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M6.6 3.5h2.6l1.4 4-2 1.3a11 11 0 0 0 6.6 6.6l1.3-2 4 1.4v2.6a2 2 0 0 1-2.2 2A16.6 16.6 0 0 1 4.6 5.7a2 2 0 0 1 2-2.2Z" />
            </svg>
            {t('safety.crisis.call', { number: resource.phoneLabel ?? resource.phone })}{' '}
            <span className="visually-hidden">({resource.name})</span>
          </a>
        )}
        {resource.chatUrl && (
          <a className="crisis-link" href={resource.chatUrl} target="_blank" rel="noopener noreferrer">
            {t('safety.crisis.chat')}{' '}
            <span className="visually-hidden">
              {t('safety.crisis.with', { name: resource.name })} {t('safety.crisis.newTab')}
            </span>
          </a>
        )}
        {resource.website && (
          <a className="crisis-link" href={resource.website} target="_blank" rel="noopener noreferrer">
            {t('safety.crisis.website')}{' '}
            <span className="visually-hidden">
              {t('safety.crisis.of', { name: resource.name })} {t('safety.crisis.newTab')}
            </span>
          </a>
        )}
      </p>
    </li>
  );
}
