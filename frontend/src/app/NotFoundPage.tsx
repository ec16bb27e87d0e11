import { useTranslation } from 'react-i18next';
import { Link } from './Link';
import { ROUTES } from './router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <Link className="button" to={ROUTES.welcome}>
        {t('common.backToStart')}
      </Link>
    </div>
  );
}
