import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DataTable } from '../data-table.tsx';
import { QueryError } from '../query-error.tsx';
import { TableSkeleton } from '../table-skeleton.tsx';

interface QueryTableProps<T> {
  query: UseQueryResult<T[]>;
  /** Shown instead of the table when the list is empty. */
  empty: ReactNode;
  minWidth: number;
  /** The header cells. */
  head: ReactNode;
  /** The body rows. */
  children: (items: T[]) => ReactNode;
}

/** A loaded list as a table, or its loading, failed or empty state in its place. */
export function QueryTable<T>({ query, empty, minWidth, head, children }: QueryTableProps<T>) {
  if (query.isPending) return <TableSkeleton />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0) return empty;
  return (
    <DataTable minWidth={minWidth} head={head} verticalSpacing="sm" highlightOnHover>
      {children(query.data)}
    </DataTable>
  );
}
