import { useTranslation } from 'react-i18next';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import type { Me } from '../auth/me';
import { useApiResource } from '../auth/useApiResource';
import { parseEscalations, safetyApi } from '../safety/types';

/** The moderator's home: what this role is for, and the way into the escalation console. */
export function ModeratorHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queue = useApiResource<unknown>(safetyApi.escalations('OPEN'));
  const waiting = queue.status === 'ready' ? parseEscalations(queue.data).filter((e) => e.status === 'OPEN').length : null;

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
        <p className="muted">{t('home.moderator.consoleText')}</p>
        <div className="actions">
          <Link className="button" to={ROUTES.moderation}>
            {t('home.moderator.consoleOpen')}
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
