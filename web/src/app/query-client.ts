import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';

/** Mutations that handle 401 themselves (signing in) set this meta flag. */
export const AUTH_FLOW_META = { authFlow: true } as const;

/**
 * One QueryClient for the app. A 401 on any query means the session is gone: `me` becomes null and the
 * auth guard sends the user to the sign-in page. A 403 `mfa_enrollment_required` refreshes `me`, so the
 * guard sends the user to the enrolment page.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (!isApiError(error)) return;
        if (error.status === 401 && query.queryKey[0] !== queryKeys.me[0]) {
          client.setQueryData(queryKeys.me, null);
        } else if (error.code === 'mfa_enrollment_required') {
          void client.invalidateQueries({ queryKey: queryKeys.me });
        }
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (!isApiError(error) || mutation.meta?.authFlow) return;
        if (error.status === 401 || error.code === 'mfa_enrollment_required') {
          void client.invalidateQueries({ queryKey: queryKeys.me });
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
  return client;
}
