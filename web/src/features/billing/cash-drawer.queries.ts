import {
  type CashDrawer,
  CashDrawerListSchema,
  CashDrawerSchema,
  type CloseDrawer,
  type OpenDrawer,
  type PaidOut,
  type ReopenDrawer,
} from '@carebase/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, pathOf } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { queryKeys } from '../../lib/query-keys.ts';

export const drawerKeys = {
  all: [...queryKeys.billing, 'drawers'] as const,
  mine: () => [...drawerKeys.all, 'mine'] as const,
  day: (day: string) => [...drawerKeys.all, 'day', day] as const,
};

/** The signed-in cashier's drawer of today; null until they open one. */
export function useMyDrawer() {
  return useQuery({
    queryKey: drawerKeys.mine(),
    queryFn: ({ signal }) =>
      api.get('/api/billing/drawers/mine', CashDrawerSchema, { signal }).catch((error: unknown) => {
        if (isApiError(error) && error.status === 404) return null;
        throw error;
      }),
  });
}

/** Every cashier's drawer of a business day ('' is the clinic's today). */
export function useDrawersOfDay(day: string) {
  return useQuery({
    queryKey: drawerKeys.day(day),
    queryFn: async ({ signal }) =>
      (await api.get('/api/billing/drawers', CashDrawerListSchema, { query: day ? { day } : {}, signal }))
        .items,
  });
}

/**
 * billing.changed follows every change; without a live socket the drawers are refreshed here. A cashier's own
 * change shows at once from the answer (the event only reaches billing:read).
 */
function useDrawerMutation<V>(send: (input: V) => Promise<CashDrawer>, ownDrawer: boolean) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (drawer) => {
      if (ownDrawer) queryClient.setQueryData(drawerKeys.mine(), drawer);
      refreshAfterChange(queryClient, [drawerKeys.all]);
    },
  });
}

export const useOpenDrawer = () =>
  useDrawerMutation((input: OpenDrawer) => api.post('/api/billing/drawers', CashDrawerSchema, input), true);

export const usePaidOut = () =>
  useDrawerMutation(
    ({ id, ...body }: PaidOut & { id: string }) =>
      api.post(pathOf`/api/billing/drawers/${id}/paid-outs`, CashDrawerSchema, body),
    true,
  );

export const useCloseDrawer = () =>
  useDrawerMutation(
    ({ id, ...body }: CloseDrawer & { id: string }) =>
      api.post(pathOf`/api/billing/drawers/${id}/close`, CashDrawerSchema, body),
    true,
  );

/** A supervisor may reopen someone else's drawer, so the answer is not taken for their own. */
export const useReopenDrawer = () =>
  useDrawerMutation(
    ({ id, ...body }: ReopenDrawer & { id: string }) =>
      api.post(pathOf`/api/billing/drawers/${id}/reopen`, CashDrawerSchema, body),
    false,
  );
