import { useTranslation } from 'react-i18next';

/**
 * What an erased client's anonymised history (an escalation a moderator handled, audit
 * entries) points at instead of the client: an id that begins like this.
 */
export const DELETED_CLIENT_PREFIX = 'deleted-';

export function isDeletedClient(id: string | null | undefined): boolean {
  return typeof id === 'string' && id.startsWith(DELETED_CLIENT_PREFIX);
}

/** A person's name as staff see it: "deleted client" (translated) for an erased client. */
export function usePersonName(): (person: { id: string; pseudonym: string }) => string {
  const { t } = useTranslation();
  return (person) => (isDeletedClient(person.id) ? t('privacy.deletedClient') : person.pseudonym);
}
