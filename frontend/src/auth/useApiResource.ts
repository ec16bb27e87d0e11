import { useCallback, useEffect, useState } from 'react';
import { useAuth } from './AuthProvider';

export type Resource<T> =
  | { status: 'loading'; data: T | null }
  | { status: 'ready'; data: T }
  | { status: 'error'; data: T | null; error: unknown };

/**
 * GETs `path` (null = nothing to load yet) from the protected API, and again after
 * `reload()` or when `path` changes. Keeps the previous data while reloading.
 */
export function useApiResource<T>(path: string | null): Resource<T> & { reload: () => void; set: (data: T) => void } {
  const { api } = useAuth();
  const [state, setState] = useState<Resource<T>>({ status: 'loading', data: null });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (path === null) return undefined;
    const controller = new AbortController();
    setState((current) => ({ status: 'loading', data: current.data }));
    api
      .request<T>(path, { signal: controller.signal })
      .then((data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState((current) => ({ status: 'error', data: current.data, error }));
      });
    return () => controller.abort();
  }, [api, path, version]);

  const reload = useCallback(() => setVersion((n) => n + 1), []);
  const set = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return { ...state, reload, set };
}
