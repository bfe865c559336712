import {
  type CreateDiscountKind,
  DiscountKindListSchema,
  DiscountKindSchema,
  type UpdateDiscountKind,
} from '@carebase/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, pathOf } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { queryKeys } from '../../lib/query-keys.ts';

const discountKindsKey = [...queryKeys.billing, 'discountKinds'] as const;

/** Every kind of discount, active or not (there are few); billing.changed refreshes them. */
export function useDiscountKinds() {
  return useQuery({
    queryKey: discountKindsKey,
    queryFn: async ({ signal }) =>
      (await api.get('/api/billing/discount-kinds', DiscountKindListSchema, { signal })).items,
  });
}

export function useSaveDiscountKind() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; patch: UpdateDiscountKind } | { create: CreateDiscountKind }) =>
      'create' in input
        ? api.post('/api/billing/discount-kinds', DiscountKindSchema, input.create)
        : api.patch(pathOf`/api/billing/discount-kinds/${input.id}`, DiscountKindSchema, input.patch),
    onSuccess: () => refreshAfterChange(queryClient, [discountKindsKey]),
  });
}
