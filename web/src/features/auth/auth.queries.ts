import {
  type ChangePasswordRequestSchema,
  type LoginRequestSchema,
  type Me,
  MeSchema,
  MfaEnrollStartSchema,
  MfaRecoveryCodesSchema,
  OkSchema,
  type PasswordResetConfirmSchema,
} from '@carebase/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { AUTH_FLOW_META } from '../../app/query-client.ts';
import { api, isApiError } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';
import { FORGET_SESSION_HINT, hasSessionHint } from './session-hint.ts';

/** The signed-in account, or null when nobody is signed in. */
export const meQueryOptions = queryOptions({
  queryKey: queryKeys.me,
  queryFn: async ({ signal }): Promise<Me | null> => {
    // No session cookie hint: nobody is signed in here, and asking would only log a 401 in the console.
    if (!hasSessionHint(document.cookie)) return null;
    try {
      return await api.get('/api/auth/me', MeSchema, { signal });
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        document.cookie = FORGET_SESSION_HINT;
        return null;
      }
      throw error;
    }
  },
  staleTime: 60_000,
});

export function useMe() {
  return useQuery(meQueryOptions);
}

/** For components rendered only behind the auth guard, where `me` is always loaded. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser used outside the auth guard');
  return data;
}

/** After signing in, out, or changing what `me` says: load it again right away. */
export function useRefreshMe() {
  const queryClient = useQueryClient();
  return () => queryClient.fetchQuery({ ...meQueryOptions, staleTime: 0 });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: AUTH_FLOW_META,
    mutationFn: (body: z.input<typeof LoginRequestSchema>) => api.post('/api/auth/login', MeSchema, body),
    // The answer is the signed-in account: the guards see it at once and move on.
    onSuccess: (me) => queryClient.setQueryData(queryKeys.me, me),
  });
}

/** Forgets everything cached and marks the user signed out; the guards then show the sign-in page. */
export function useSignedOut() {
  const queryClient = useQueryClient();
  return () => {
    queryClient.clear();
    queryClient.setQueryData(queryKeys.me, null);
  };
}

export function useLogout() {
  const signedOut = useSignedOut();
  return useMutation({
    meta: AUTH_FLOW_META,
    mutationFn: () => api.post('/api/auth/logout', z.unknown()),
    // Even if the call fails (the session may already be gone), the user asked to leave.
    onSettled: () => signedOut(),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    meta: AUTH_FLOW_META,
    mutationFn: (email: string) => api.post('/api/auth/password-reset/request', OkSchema, { email }),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    meta: AUTH_FLOW_META,
    mutationFn: (body: z.input<typeof PasswordResetConfirmSchema>) =>
      api.post('/api/auth/password-reset/confirm', z.unknown(), body),
  });
}

export function useChangePassword() {
  return useMutation({
    meta: AUTH_FLOW_META,
    mutationFn: (body: z.input<typeof ChangePasswordRequestSchema>) =>
      api.post('/api/auth/password', z.unknown(), body),
  });
}

export function useStartMfaEnrollment() {
  return useMutation({
    mutationFn: () => api.post('/api/auth/mfa/enroll', MfaEnrollStartSchema),
  });
}

export function useConfirmMfaEnrollment() {
  return useMutation({
    mutationFn: (otp: string) => api.post('/api/auth/mfa/confirm', MfaRecoveryCodesSchema, { otp }),
  });
}

export function useDisableMfa() {
  const refreshMe = useRefreshMe();
  return useMutation({
    meta: AUTH_FLOW_META,
    mutationFn: (password: string) => api.post('/api/auth/mfa/disable', z.unknown(), { password }),
    onSuccess: () => refreshMe(),
  });
}
