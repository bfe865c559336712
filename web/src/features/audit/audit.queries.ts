import { AuditPageSchema, type AuditQuerySchema } from '@carebase/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type QueryParams, toQueryString } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

export type AuditQuery = z.output<typeof AuditQuerySchema>;

export function useAuditEvents(query: AuditQuery) {
  return useQuery({
    queryKey: [...queryKeys.audit, 'list', query],
    queryFn: ({ signal }) => api.get('/api/audit', AuditPageSchema, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV export of the same filters and order; every matching event, not one page. */
export function auditExportUrl(query: AuditQuery): string {
  const { page: _page, pageSize: _pageSize, ...rest } = query;
  return `/api/audit/export.csv${toQueryString(rest as QueryParams)}`;
}
