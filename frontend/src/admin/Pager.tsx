import { useTranslation } from 'react-i18next';
import type { AccountPage } from './adminApi';

interface PagerProps {
  /** The page of results shown now. */
  data: AccountPage;
  /** What the navigation is called for screen readers ("Pages of clients"). */
  label: string;
  onPage: (page: number) => void;
}

/** Previous / "21–40 of 57" / next under a paged list of accounts. */
export function Pager({ data, label, onPage }: PagerProps) {
  const { t } = useTranslation();
  const first = data.total > 0 ? data.page * data.size + 1 : 0;
  const last = data.page * data.size + data.items.length;
  const hasNext = (data.page + 1) * data.size < data.total;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button button--secondary" disabled={data.page === 0} onClick={() => onPage(data.page - 1)}>
        {t('admin.accounts.previous')}
      </button>
      <p className="pager__range">{t('admin.accounts.range', { first, last, total: data.total })}</p>
      <button type="button" className="button button--secondary" disabled={!hasNext} onClick={() => onPage(data.page + 1)}>
        {t('admin.accounts.next')}
      </button>
    </nav>
  );
}
