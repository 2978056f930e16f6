import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Fetch again (after a write, or from a "retry" button). */
  reload: () => void;
}

/**
 * Loads data for a component and keeps it while the next load runs (tables keep their rows
 * while paging). `load` is called again whenever `deps` change; a stale answer is dropped.
 * Pass `enabled: false` to wait (e.g. until an id is known).
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[], enabled = true): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(enabled);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal)
      .then((value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(undefined);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err instanceof ApiError ? err : new ApiError(0, 'CLIENT_ERROR', err instanceof Error ? err.message : String(err)));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
    // The caller names what the load depends on, as with useEffect.
  }, [...deps, enabled, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}
