import {
  type ACTIVITY_RANGES,
  ActivitySchema,
  type ALERT_STATUSES,
  AlertPageSchema,
  type AlertRule,
  AlertRuleListSchema,
  AlertRuleSchema,
  ApplicationHealthSchema,
  DatabaseHealthSchema,
  InstanceListSchema,
  SampleListSchema,
  type SampleRange,
} from '@carebase/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, pathOf } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { monitoringKeys, queryKeys } from '../../lib/query-keys.ts';

/** Heartbeats arrive every 5 s and are not announced as events, so a page that shows them asks this often. */
export const HEARTBEAT_MS = 5_000;

export type ActivityRange = (typeof ACTIVITY_RANGES)[number];
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The server instances and their last heartbeat; `poll` asks again every heartbeat while they are shown. */
export function useInstances({ poll }: { poll: boolean }) {
  return useQuery({
    queryKey: monitoringKeys.instances(),
    queryFn: ({ signal }) => api.get('/api/monitoring/instances', InstanceListSchema, { signal }),
    refetchInterval: poll ? HEARTBEAT_MS : false,
  });
}

/** The system's samples over the last hour, day or week; monitoring.sampled refreshes them. */
export function useSamples(range: SampleRange) {
  return useQuery({
    queryKey: [...monitoringKeys.samples(), range],
    queryFn: ({ signal }) =>
      api.get('/api/monitoring/samples', SampleListSchema, { query: { range }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDatabaseHealth() {
  return useQuery({
    queryKey: monitoringKeys.database(),
    queryFn: ({ signal }) => api.get('/api/monitoring/database', DatabaseHealthSchema, { signal }),
  });
}

export function useApplicationHealth() {
  return useQuery({
    queryKey: monitoringKeys.application(),
    queryFn: ({ signal }) => api.get('/api/monitoring/application', ApplicationHealthSchema, { signal }),
  });
}

/** The audit trail counted per hour over the last day or week. */
export function useActivity(range: ActivityRange) {
  return useQuery({
    queryKey: [...monitoringKeys.activity(), range],
    queryFn: ({ signal }) =>
      api.get('/api/monitoring/activity', ActivitySchema, { query: { range }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** A page of alerts, newest first; alert.changed refreshes every list of them. */
export function useAlerts(
  query: { status?: AlertStatus; page?: number; pageSize?: number },
  options: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: [...queryKeys.alerts, 'list', query],
    queryFn: ({ signal }) => api.get('/api/monitoring/alerts', AlertPageSchema, { query, signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useAlertRules() {
  return useQuery({
    queryKey: [...queryKeys.alerts, 'rules'],
    queryFn: ({ signal }) => api.get('/api/monitoring/alert-rules', AlertRuleListSchema, { signal }),
  });
}

/** Switches a rule on or off, or changes its threshold (alerts:manage). */
export function useUpdateAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, ...change }: { key: AlertRule['key']; enabled?: boolean; threshold?: number }) =>
      api.put(pathOf`/api/monitoring/alert-rules/${key}`, AlertRuleSchema, change),
    onSuccess: () => refreshAfterChange(queryClient, [queryKeys.alerts]),
  });
}
