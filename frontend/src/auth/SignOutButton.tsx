import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from './AuthProvider';

/** Signs out here and at the server. */
export function SignOutButton({ className = 'button button--secondary' }: { className?: string }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className={className}
      aria-disabled={busy || undefined}
      onClick={() => {
        if (busy) return;
        setBusy(true);
        void auth.signOut().finally(() => setBusy(false));
      }}
    >
      {busy ? t('auth.signingOut') : t('auth.signOut')}
    </button>
  );
}
