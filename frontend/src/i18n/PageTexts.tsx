import { use, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ensureTexts } from './i18n';
import type { TextPart } from './textGroups';

/** Renders `children` once the given part of the texts (textGroups.ts) is loaded. */
export function PageTexts({ part, children }: { part: Exclude<TextPart, 'core'>; children: ReactNode }) {
  const { i18n } = useTranslation();
  use(ensureTexts(i18n, part) as Promise<void>);
  return children;
}
