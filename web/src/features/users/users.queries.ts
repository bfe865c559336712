import {
  type CreateUserSchema,
  OkSchema,
  type UpdateUserSchema,
  type UserListQuerySchema,
  UserPageSchema,
  UserSchema,
} from '@carebase/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, pathOf } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

export type UserListQuery = z.output<typeof UserListQuerySchema>;

export function useUsers(query: Partial<UserListQuery>, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...queryKeys.users, 'list', query],
    queryFn: ({ signal }) => api.get('/api/users', UserPageSchema, { query, signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateUserSchema>) => api.post('/api/users', UserSchema, body),
    // Not awaited: the dialog closes as soon as the user exists; the list catches up on its own.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: z.input<typeof UpdateUserSchema> }) =>
      api.patch(pathOf`/api/users/${id}`, UserSchema, patch),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      void queryClient.invalidateQueries({ queryKey: queryKeys.roles });
    },
  });
}

export function useSendPasswordReset() {
  return useMutation({
    mutationFn: (id: string) => api.post(pathOf`/api/users/${id}/password-reset`, OkSchema),
  });
}
