import { useTranslation } from 'react-i18next';
import type { Me } from '../auth/me';

/** The moderator's home: what this role is for. (Its tools arrive with the escalation feature.) */
export function ModeratorHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <div className="home">
      <section className="home__hero">
        <h1>{t('home.greeting', { pseudonym: me.pseudonym })}</h1>
        <p className="page__intro">{t('home.moderator.intro')}</p>
      </section>
      <section className="card" aria-labelledby="moderator-role-title">
        <h2 id="moderator-role-title">{t('home.moderator.roleTitle')}</h2>
        <p>{t('home.moderator.roleText')}</p>
        <p>{t('home.moderator.now')}</p>
      </section>
    </div>
  );
}
