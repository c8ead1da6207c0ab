import { computed, linkedSignal, type Signal, type WritableSignal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { catchError, map, of, startWith, switchMap, type Observable } from 'rxjs';

export type PageState<P> = { kind: 'loading' } | { kind: 'loaded'; page: P } | { kind: 'failed' };

export interface PagedList<P> {
  state: Signal<PageState<P>>;
  loading: Signal<boolean>;
  failed: Signal<boolean>;
  /** The last page shown stays while the next one loads, and takes local changes. */
  page: WritableSignal<P | null>;
}

/**
 * A list page fetched again whenever the query or the reload counter changes (the newest request
 * wins). Call it where `inject` works: a field initialiser or a constructor.
 */
export function pagedList<Q, P>(query: Signal<Q>, reloads: Signal<number>, load: (query: Q) => Observable<P>): PagedList<P> {
  const state = toSignal(
    toObservable(computed(() => ({ query: query(), reload: reloads() }))).pipe(
      switchMap(({ query }) =>
        load(query).pipe(
          map((page): PageState<P> => ({ kind: 'loaded', page })),
          catchError(() => of<PageState<P>>({ kind: 'failed' })),
          startWith<PageState<P>>({ kind: 'loading' }),
        ),
      ),
    ),
    { initialValue: { kind: 'loading' } as PageState<P> },
  );
  return {
    state,
    loading: computed(() => state().kind === 'loading'),
    failed: computed(() => state().kind === 'failed'),
    page: linkedSignal<PageState<P>, P | null>({
      source: state,
      computation: (s, previous) => (s.kind === 'loaded' ? s.page : s.kind === 'loading' ? (previous?.value ?? null) : null),
    }),
  };
}
