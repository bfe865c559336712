import { type CreateRoleSchema, RoleSchema, type UpdateRoleSchema } from '@carebase/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, pathOf } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

export function useRoles(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.roles,
    queryFn: ({ signal }) => api.get('/api/roles', z.array(RoleSchema), { signal }),
    enabled: options.enabled,
  });
}

function useInvalidateRoles() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.roles });
    // Permissions of the signed-in user may have changed with their roles.
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
  };
}

export function useCreateRole() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateRoleSchema>) => api.post('/api/roles', RoleSchema, body),
    onSuccess: invalidate,
  });
}

export function useUpdateRole() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: ({ key, patch }: { key: string; patch: z.input<typeof UpdateRoleSchema> }) =>
      api.patch(pathOf`/api/roles/${key}`, RoleSchema, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteRole() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: (key: string) => api.delete(pathOf`/api/roles/${key}`, z.unknown()),
    onSuccess: invalidate,
  });
}
