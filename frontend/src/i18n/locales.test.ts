import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import nl from './locales/nl.json';

type Tree = { [key: string]: string | Tree };

/** All leaf keys as dotted paths, e.g. "welcome.chat.title". */
function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [path] : leafKeys(value, path);
  });
}

function leafValues(tree: Tree): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : leafValues(value)));
}

describe('locale files', () => {
  const nlKeys = leafKeys(nl as Tree);
  const enKeys = leafKeys(en as Tree);

  it('have translations at all', () => {
    expect(nlKeys.length).toBeGreaterThan(10);
  });

  it('every Dutch key exists in English', () => {
    const missing = nlKeys.filter((key) => !enKeys.includes(key));
    expect(missing, `keys missing in en.json: ${missing.join(', ')}`).toEqual([]);
  });

  it('every English key exists in Dutch', () => {
    const missing = enKeys.filter((key) => !nlKeys.includes(key));
    expect(missing, `keys missing in nl.json: ${missing.join(', ')}`).toEqual([]);
  });

  it('have no empty texts', () => {
    expect(leafValues(nl as Tree).filter((text) => text.trim() === '')).toEqual([]);
    expect(leafValues(en as Tree).filter((text) => text.trim() === '')).toEqual([]);
  });

  it('keep the tab title neutral in every language', () => {
    for (const title of [nl.meta.tabTitle, en.meta.tabTitle]) {
      expect(title).not.toMatch(/cocon|therap|mental|help|zorg|psych/i);
    }
  });
});
