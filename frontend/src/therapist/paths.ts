import { ROUTES } from '../app/router';

/** Where a therapist sees one client's programmes. */
export function therapistClientPath(clientId: string): string {
  return `${ROUTES.therapistClient}?id=${encodeURIComponent(clientId)}`;
}
