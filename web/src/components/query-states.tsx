import type { ReactNode } from 'react';
import { QueryError } from './query-error.tsx';
import { TableSkeleton } from './table-skeleton.tsx';

interface QueryStatesProps {
  query: { isPending: boolean; isError: boolean; isSuccess: boolean; error: unknown; refetch: () => unknown };
  /** Nothing to list (yet): the empty state shows once loaded, the children not at all. */
  isEmpty: boolean;
  empty: ReactNode;
  skeletonRows?: number;
  children: ReactNode;
}

/**
 * A loaded list with its loading, failed and empty states. A failed refresh shows its error above the
 * rows already loaded rather than in their place.
 */
export function QueryStates({ query, isEmpty, empty, skeletonRows, children }: QueryStatesProps) {
  return (
    <>
      {query.isPending ? <TableSkeleton rows={skeletonRows} /> : null}
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isSuccess && isEmpty ? empty : null}
      {isEmpty ? null : children}
    </>
  );
}
