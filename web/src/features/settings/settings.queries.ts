import {
  type Me,
  PublicSettingsSchema,
  type SystemSettingsPatch,
  SystemSettingsResponseSchema,
  type UserSettings,
  UserSettingsSchema,
} from '@carebase/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, uploadFile } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

/** Clinic name, logo, time zone and currency: readable by anyone, also before signing in. */
export function usePublicSettings() {
  return useQuery({
    queryKey: queryKeys.publicSettings,
    queryFn: ({ signal }) => api.get('/api/settings/public', PublicSettingsSchema, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useMySettings() {
  return useQuery({
    queryKey: queryKeys.mySettings,
    queryFn: ({ signal }) => api.get('/api/settings/me', UserSettingsSchema, { signal }),
  });
}

function withSettings(me: Me, patch: Partial<UserSettings>): Me {
  return { ...me, settings: { ...me.settings, ...patch } };
}

/**
 * Saves personal settings. `me` carries them too and drives the language and theme, so it is updated
 * at once (optimistically) and rolled back if the server refuses.
 */
export function useUpdateMySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<UserSettings>) => api.patch('/api/settings/me', UserSettingsSchema, patch),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.me });
      await queryClient.cancelQueries({ queryKey: queryKeys.mySettings });
      const previousMe = queryClient.getQueryData<Me | null>(queryKeys.me);
      const previousSettings = queryClient.getQueryData<UserSettings>(queryKeys.mySettings);
      if (previousMe) queryClient.setQueryData(queryKeys.me, withSettings(previousMe, patch));
      if (previousSettings) queryClient.setQueryData(queryKeys.mySettings, { ...previousSettings, ...patch });
      return { previousMe, previousSettings };
    },
    onError: (_error, _patch, context) => {
      if (context?.previousMe) queryClient.setQueryData(queryKeys.me, context.previousMe);
      if (context?.previousSettings) queryClient.setQueryData(queryKeys.mySettings, context.previousSettings);
    },
    onSuccess: (settings) => {
      queryClient.setQueryData(queryKeys.mySettings, settings);
      const me = queryClient.getQueryData<Me | null>(queryKeys.me);
      if (me) queryClient.setQueryData(queryKeys.me, withSettings(me, settings));
    },
  });
}

export function useSystemSettings() {
  return useQuery({
    queryKey: queryKeys.systemSettings,
    queryFn: ({ signal }) => api.get('/api/settings/system', SystemSettingsResponseSchema, { signal }),
  });
}

export function useUpdateSystemSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: SystemSettingsPatch) =>
      api.patch('/api/settings/system', SystemSettingsResponseSchema, patch),
    onSuccess: (settings) => {
      queryClient.setQueryData(queryKeys.systemSettings, settings);
      void queryClient.invalidateQueries({ queryKey: queryKeys.publicSettings });
    },
  });
}

/** After the logo changes: the header and the sign-in page read the public settings, the forms the system ones. */
function refreshClinicSettings(queryClient: ReturnType<typeof useQueryClient>) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.publicSettings });
  void queryClient.invalidateQueries({ queryKey: queryKeys.systemSettings });
}

export interface LogoUploadInput {
  file: File;
  onProgress: (fraction: number) => void;
}

export function useUploadLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: LogoUploadInput) =>
      uploadFile({
        method: 'PUT',
        path: '/api/settings/logo',
        file,
        contentType: file.type,
        schema: PublicSettingsSchema,
        onProgress,
      }),
    onSuccess: () => refreshClinicSettings(queryClient),
  });
}

export function useRemoveLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/api/settings/logo', PublicSettingsSchema),
    onSuccess: () => refreshClinicSettings(queryClient),
  });
}
