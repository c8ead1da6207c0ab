/**
 * Loads something on the first call and shares it with every later call. Nothing is loaded until
 * then (a camera that never asks pays nothing); a failed load is forgotten, so the next call tries again.
 */
export function lazyLoad<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (!loading) {
      const attempt = load();
      attempt.catch(() => {
        if (loading === attempt) loading = undefined;
      });
      loading = attempt;
    }
    return loading;
  };
}
