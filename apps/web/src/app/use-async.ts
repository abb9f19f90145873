import { useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  /** True while the result for the current key is still on its way (earlier data stays visible meanwhile). */
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data for a key (for example the query of a table) and reloads when the key changes. Results that
 * arrive for an outdated key are dropped, so a slow earlier answer cannot overwrite a newer one.
 */
export function useAsync<T>(key: string, load: () => Promise<T>): AsyncState<T> {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ for: string | null; data: T | undefined; error: unknown }>({
    for: null,
    data: undefined,
    error: undefined,
  });
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const requestKey = `${key}#${version}`;

  useEffect(() => {
    let live = true;
    loadRef.current().then(
      (data) => live && setState({ for: requestKey, data, error: undefined }),
      (error: unknown) => live && setState((s) => ({ for: requestKey, data: s.data, error })),
    );
    return () => {
      live = false;
    };
  }, [requestKey]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: state.data, error: state.for === requestKey ? state.error : undefined, loading: state.for !== requestKey, reload };
}
