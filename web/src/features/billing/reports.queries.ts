import {
  BILLING_REPORT_SCHEMAS,
  type BillingReportName,
  type BillingReports,
  type ReportGrouping,
} from '@carebase/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, toQueryString } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

export type ReportPeriod = { from: string; to: string; groupBy: ReportGrouping };

/** One report over a period; under queryKeys.billing, so billing.changed refreshes it live. */
export function useBillingReport<K extends BillingReportName>(
  name: K,
  period: ReportPeriod,
  enabled: boolean,
) {
  return useQuery({
    queryKey: [...queryKeys.billing, 'reports', name, period] as const,
    queryFn: async ({ signal }): Promise<BillingReports[K]> =>
      (await api.get(`/api/billing/reports/${name}`, BILLING_REPORT_SCHEMAS[name], {
        query: period,
        signal,
      })) as BillingReports[K],
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The same-origin address of a report's CSV or PDF download (the session cookie goes with the link). */
export function reportDownloadHref(
  name: BillingReportName,
  period: ReportPeriod,
  format: 'csv' | 'pdf',
  lang: string,
): string {
  return `/api/billing/reports/${name}${toQueryString({ ...period, format, lang: lang.startsWith('es') ? 'es' : 'en' })}`;
}
