import { BackupDetailSchema, type BackupList, BackupListSchema, BackupSchema } from '@carebase/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, pathOf } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { queryKeys } from '../../lib/query-keys.ts';
import { withStartedBackup } from './backup-rules.ts';

const listKey = [...queryKeys.backups, 'list'] as const;

/** The backups, newest first, with the figures of the page; backup.changed refreshes them as one runs. */
export function useBackups() {
  return useQuery({
    queryKey: listKey,
    queryFn: ({ signal }) => api.get('/api/operations/backups', BackupListSchema, { signal }),
  });
}

/** One backup with its row counts per table; nothing is asked while `id` is null. */
export function useBackup(id: string | null) {
  return useQuery({
    queryKey: [...queryKeys.backups, 'detail', id],
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/operations/backups/${id ?? ''}`, BackupDetailSchema, { signal }),
    enabled: id !== null,
  });
}

/** Starts a backup now. The server answers at once (202) and refuses (409) while one is running. */
export function useStartBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/operations/backups', BackupSchema),
    onSuccess: (backup) => {
      queryClient.setQueryData<BackupList>(listKey, (list) => withStartedBackup(list, backup));
      refreshAfterChange(queryClient, [queryKeys.backups]);
    },
    // Refused because one is already running: this page did not know yet, so it asks again.
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.backups }),
  });
}
