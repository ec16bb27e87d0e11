import type { ApiClient } from '../auth/api';
import type { Language } from '../i18n/languages';

export type ExportFormat = 'html' | 'json';

export const privacyApi = {
  exportJson: '/api/me/export',
  exportPage: (language: Language) => `/api/me/export/html?lang=${language}`,
  erasure: '/api/me/erasure',
};

/**
 * A name for the saved file that says nothing about Cocon: on a shared device the downloads
 * folder is not a private place.
 */
export function exportFileName(format: ExportFormat, now: Date = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `notes-${day}.${format}`;
}

/** Fetches the export with the access token and hands it to the browser as a download. */
export async function downloadExport(api: ApiClient, format: ExportFormat, language: Language): Promise<void> {
  const path = format === 'json' ? privacyApi.exportJson : privacyApi.exportPage(language);
  const blob = await api.request<Blob>(path, { responseType: 'blob' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = exportFileName(format);
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL by now; give slow devices a moment anyway.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Erases the account after the server checked the password; resolves once it is done. */
export function eraseAccount(api: ApiClient, password: string): Promise<void> {
  return api.request<void>(privacyApi.erasure, { method: 'POST', body: { password } });
}
