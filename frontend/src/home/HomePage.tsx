import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { knownRoles, type Me, type Role } from '../auth/me';
import { RequireSignIn } from '../auth/RequireSignIn';
import { AdminHome } from './AdminHome';
import { ClientHome } from './ClientHome';
import { ModeratorHome } from './ModeratorHome';
import { TherapistHome } from './TherapistHome';

/** `/home`: the signed-in person's own page, by role (ADMIN > MODERATOR > THERAPIST > CLIENT). */
export function HomePage() {
  return <RequireSignIn>{(me) => <RoleHome me={me} />}</RequireSignIn>;
}

export function RoleHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const roles = knownRoles(me.roles);
  const [chosen, setChosen] = useState<Role | null>(null);
  const role = chosen && roles.includes(chosen) ? chosen : (roles[0] ?? null);

  return (
    <div className="page">
      {roles.length > 1 && (
        <div className="role-switch" role="group" aria-label={t('home.roleSwitch')}>
          <span className="role-switch__label" aria-hidden="true">
            {t('home.roleSwitch')}
          </span>
          {roles.map((option) => (
            <button
              key={option}
              type="button"
              className="role-switch__option"
              aria-pressed={option === role}
              onClick={() => setChosen(option)}
            >
              {t(`roles.${option}`)}
            </button>
          ))}
        </div>
      )}
      {role === 'ADMIN' && <AdminHome me={me} />}
      {role === 'MODERATOR' && <ModeratorHome me={me} />}
      {role === 'THERAPIST' && <TherapistHome me={me} />}
      {role === 'CLIENT' && <ClientHome me={me} />}
      {role === null && (
        <>
          <h1>{t('home.greeting', { pseudonym: me.pseudonym })}</h1>
          <p>{t('home.noRole')}</p>
        </>
      )}
    </div>
  );
}
