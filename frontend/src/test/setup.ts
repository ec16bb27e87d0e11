import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Each test starts from a clean page: no rendered tree, no stored state, default <html>.
afterEach(() => {
  cleanup();
  window.localStorage.clear();
  window.sessionStorage.clear();
  document.documentElement.removeAttribute('data-quick-exit');
  document.documentElement.lang = '';
  document.title = '';
});
