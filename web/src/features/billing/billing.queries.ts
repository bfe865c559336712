import {
  type CreatePriceItem,
  type DoctorShare,
  ImportServicesResultSchema,
  PriceItemHistorySchema,
  type PriceItemKind,
  PriceItemListSchema,
  PriceItemSchema,
  type UpdatePriceItem,
} from '@carebase/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, pathOf } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { queryKeys } from '../../lib/query-keys.ts';

export type PriceListFilter = { kind?: PriceItemKind; active?: 'true' | 'false'; q?: string };

export const priceListKeys = {
  list: (filter: PriceListFilter) => [...queryKeys.priceList, 'list', filter] as const,
  history: (id: string) => [...queryKeys.priceList, 'history', id] as const,
};

export function usePriceList(filter: PriceListFilter) {
  return useQuery({
    queryKey: priceListKeys.list(filter),
    queryFn: async ({ signal }) =>
      (await api.get('/api/billing/price-list', PriceItemListSchema, { query: filter, signal })).items,
    placeholderData: keepPreviousData,
  });
}

export function usePriceItemHistory(id: string | null) {
  return useQuery({
    queryKey: priceListKeys.history(id ?? ''),
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/billing/price-list/${id ?? ''}/history`, PriceItemHistorySchema, { signal }),
    enabled: id !== null,
  });
}

/** price_list.changed follows every change; without a live socket the lists are refreshed here. */
function useRefreshPriceList() {
  const queryClient = useQueryClient();
  return () => refreshAfterChange(queryClient, [queryKeys.priceList]);
}

export function useSavePriceItem() {
  const refresh = useRefreshPriceList();
  return useMutation({
    mutationFn: (input: { id: string; patch: UpdatePriceItem } | { create: CreatePriceItem }) =>
      'create' in input
        ? api.post('/api/billing/price-list', PriceItemSchema, input.create)
        : api.patch(pathOf`/api/billing/price-list/${input.id}`, PriceItemSchema, input.patch),
    onSuccess: refresh,
  });
}

export function useSetProviderShare() {
  const refresh = useRefreshPriceList();
  return useMutation({
    mutationFn: ({ id, providerId, share }: { id: string; providerId: string; share: DoctorShare }) =>
      api.put(pathOf`/api/billing/price-list/${id}/shares/${providerId}`, PriceItemSchema, { share }),
    onSuccess: refresh,
  });
}

export function useEndProviderShare() {
  const refresh = useRefreshPriceList();
  return useMutation({
    mutationFn: ({ id, providerId }: { id: string; providerId: string }) =>
      api.delete(pathOf`/api/billing/price-list/${id}/shares/${providerId}`, PriceItemSchema),
    onSuccess: refresh,
  });
}

export function useImportServices() {
  const refresh = useRefreshPriceList();
  return useMutation({
    mutationFn: () => api.post('/api/billing/price-list/import-services', ImportServicesResultSchema, {}),
    onSuccess: refresh,
  });
}
