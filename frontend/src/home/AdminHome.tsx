import { useTranslation } from 'react-i18next';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import type { Me } from '../auth/me';

/** The admin's home: the admin tools and the safety figures. */
export function AdminHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <div className="home">
      <section className="home__hero">
        <h1>{t('home.greeting', { pseudonym: me.pseudonym })}</h1>
        <p className="page__intro">{t('home.admin.intro')}</p>
      </section>
      <ul className="link-cards">
        <li className="card">
          <h2>
            <Link to={ROUTES.adminAccounts}>{t('admin.accounts.title')}</Link>
          </h2>
          <p>{t('home.admin.accountsText')}</p>
        </li>
        <li className="card">
          <h2>
            <Link to={ROUTES.adminCaseloads}>{t('admin.caseloads.title')}</Link>
          </h2>
          <p>{t('home.admin.caseloadsText')}</p>
        </li>
        <li className="card">
          <h2>
            <Link to={ROUTES.moderationStats}>{t('stats.title')}</Link>
          </h2>
          <p>{t('home.admin.statsText')}</p>
        </li>
      </ul>
    </div>
  );
}
