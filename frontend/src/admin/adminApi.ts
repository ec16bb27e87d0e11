import type { ApiClient } from '../auth/api';
import type { Role } from '../auth/me';
import type { Language } from '../i18n/languages';

/** One account as the admin API returns it. */
export interface Account {
  id: string;
  username: string;
  pseudonym: string;
  roles: string[];
  createdAt: string;
  disabledAt: string | null;
  therapistId: string | null;
  origin?: string;
}

export interface AccountPage {
  items: Account[];
  page: number;
  size: number;
  total: number;
}

export interface AccountQuery {
  role?: Role | '';
  q?: string;
  page?: number;
  size?: number;
}

export type StaffRole = Extract<Role, 'THERAPIST' | 'MODERATOR' | 'ADMIN'>;
export const STAFF_ROLES: readonly StaffRole[] = ['THERAPIST', 'MODERATOR', 'ADMIN'];

export interface NewStaffAccount {
  username: string;
  pseudonym: string;
  password: string;
  role: StaffRole;
  locale: Language;
}

/** One period in which a client was linked to a therapist. */
export interface Assignment {
  therapistId: string;
  therapistPseudonym: string;
  startedAt: string;
  endedAt: string | null;
  assignedBy: string | null;
  endedBy: string | null;
}

export const PAGE_SIZE = 20;

export function accountsPath({ role, q, page = 0, size = PAGE_SIZE }: AccountQuery): string {
  const params = new URLSearchParams();
  if (role) params.set('role', role);
  if (q && q.trim()) params.set('q', q.trim());
  params.set('page', String(page));
  params.set('size', String(size));
  return `/api/admin/accounts?${params.toString()}`;
}

const id = (value: string) => encodeURIComponent(value);

export const adminApi = {
  createAccount: (api: ApiClient, account: NewStaffAccount) =>
    api.request<Account>('/api/admin/accounts', { method: 'POST', body: account }),
  disable: (api: ApiClient, accountId: string) =>
    api.request<Account>(`/api/admin/accounts/${id(accountId)}/disable`, { method: 'POST' }),
  enable: (api: ApiClient, accountId: string) =>
    api.request<Account>(`/api/admin/accounts/${id(accountId)}/enable`, { method: 'POST' }),
  assign: (api: ApiClient, clientId: string, therapistId: string) =>
    api.request<Account>(`/api/admin/clients/${id(clientId)}/therapist`, { method: 'PUT', body: { therapistId } }),
  unassign: (api: ApiClient, clientId: string) =>
    api.request<Account>(`/api/admin/clients/${id(clientId)}/therapist`, { method: 'DELETE' }),
  history: (api: ApiClient, clientId: string) =>
    api.request<Assignment[]>(`/api/admin/clients/${id(clientId)}/assignments`),
};
