import {
  type CreateDisplaySchema,
  CreatedDisplaySchema,
  DisplayListSchema,
  DisplaySchema,
} from '@carebase/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, pathOf } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

export function useDisplays() {
  return useQuery({
    queryKey: queryKeys.displays,
    queryFn: ({ signal }) => api.get('/api/displays', DisplayListSchema, { signal }),
  });
}

export function useCreateDisplay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateDisplaySchema>) =>
      api.post('/api/displays', CreatedDisplaySchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.displays }),
  });
}

export function useRevokeDisplay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(pathOf`/api/displays/${id}`, DisplaySchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.displays }),
  });
}

/** The address a screen opens: the display page of the department, with its token (and language). */
export function displayLink(origin: string, departmentKey: string, token: string, lang?: string): string {
  const query = new URLSearchParams({ token, ...(lang ? { lang } : {}) });
  return `${origin}/display/${encodeURIComponent(departmentKey)}?${query.toString()}`;
}
