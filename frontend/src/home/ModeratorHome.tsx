import { useTranslation } from 'react-i18next';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import type { Me } from '../auth/me';
import { useApiResource } from '../auth/useApiResource';
import { reviewCount, unclaimedCount } from '../moderation/queue';
import { parseEscalations, safetyApi } from '../safety/types';

/** The moderator's home: what this role is for, and the way into the escalation console. */
export function ModeratorHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queue = useApiResource<unknown>(safetyApi.escalations('OPEN'));
  const items = queue.status === 'ready' ? parseEscalations(queue.data) : null;
  const waiting = items ? unclaimedCount(items) : null;
  const reviews = items ? reviewCount(items) : 0;

  return (
    <div className="home">
      <section className="home__hero">
        <h1>{t('home.greeting', { pseudonym: me.pseudonym })}</h1>
        <p className="page__intro">{t('home.moderator.intro')}</p>
      </section>
      <section className="card" aria-labelledby="moderator-console-title">
        <h2 id="moderator-console-title">{t('home.moderator.consoleTitle')}</h2>
        {waiting !== null && (
          <p>{waiting > 0 ? <strong>{t('home.moderator.waiting', { count: waiting })}</strong> : t('home.moderator.now')}</p>
        )}
        {reviews > 0 && <p>{t('home.moderator.reviews', { count: reviews })}</p>}
        <p className="muted">{t('home.moderator.consoleText')}</p>
        <div className="actions">
          <Link className="button" to={ROUTES.moderation}>
            {t('home.moderator.consoleOpen')}
          </Link>
          <Link className="button button--secondary" to={ROUTES.moderationStats}>
            {t('home.moderator.statsOpen')}
          </Link>
        </div>
      </section>
      <section className="card" aria-labelledby="moderator-role-title">
        <h2 id="moderator-role-title">{t('home.moderator.roleTitle')}</h2>
        <p>{t('home.moderator.roleText')}</p>
      </section>
    </div>
  );
}
