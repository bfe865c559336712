import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { refreshAfterChange } from '../../lib/events.ts';
import { queryKeys } from '../../lib/query-keys.ts';
import { sendToStow } from './stow.ts';
import {
  newItem,
  summarise,
  type UploadItem,
  type UploadSummary,
  withError,
  withReport,
} from './upload-model.ts';
import { candidatesOf, runPool, type UploadInput } from './upload-sources.ts';

/** Files sent at once: enough to keep the line busy, few enough to show each one's progress. */
export const PARALLEL_UPLOADS = 3;

/**
 * Sends dropped or chosen files to the archive, each as its own STOW-RS request, a few at a time, folders
 * walked and zips opened as they go. `onDone` gets the summary once every file is answered (or cancelled).
 */
export function useDicomUpload(onDone?: (summary: UploadSummary) => void) {
  const queryClient = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [running, setRunning] = useState(false);
  const [finished, setFinished] = useState(false);
  const store = useRef<UploadItem[]>([]);
  const controller = useRef<AbortController | null>(null);
  const done = useRef(onDone);
  done.current = onDone;

  // Leaving the page stops what is still being sent.
  useEffect(() => () => controller.current?.abort(), []);

  const commit = useCallback((next: UploadItem[]) => {
    store.current = next;
    setItems(next);
  }, []);
  const update = useCallback(
    (id: number, change: (item: UploadItem) => UploadItem) =>
      commit(store.current.map((item) => (item.id === id ? change(item) : item))),
    [commit],
  );

  const start = useCallback(
    async (inputs: UploadInput[]) => {
      if (controller.current || inputs.length === 0) return;
      const abort = new AbortController();
      controller.current = abort;
      commit([]);
      setFinished(false);
      setRunning(true);
      let nextId = 0;
      try {
        await runPool(
          candidatesOf(inputs),
          PARALLEL_UPLOADS,
          async (candidate) => {
            const item = newItem(nextId++, candidate);
            commit([...store.current, item]);
            if (!candidate.file) return;
            update(item.id, (i) => ({ ...i, status: 'sending' }));
            let shown = 0;
            try {
              const report = await sendToStow(candidate.file, {
                signal: abort.signal,
                onProgress: (fraction) => {
                  // Steps of 2 % are enough for a bar, and spare the page a render per network packet.
                  const rounded = Math.floor(fraction * 50) / 50;
                  if (rounded === shown) return;
                  shown = rounded;
                  update(item.id, (i) => ({ ...i, progress: rounded }));
                },
              });
              update(item.id, (i) => withReport(i, report));
            } catch (error) {
              update(item.id, (i) => withError(i, error));
            }
          },
          abort.signal,
        );
      } finally {
        controller.current = null;
        setRunning(false);
        setFinished(true);
        // New studies come back as imaging.changed events; without the socket, refresh the lists here.
        refreshAfterChange(queryClient, [queryKeys.imaging]);
        done.current?.(summarise(store.current));
      }
    },
    [queryClient, commit, update],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  const clear = useCallback(() => {
    if (controller.current) return;
    commit([]);
    setFinished(false);
  }, [commit]);

  return { items, running, finished, summary: summarise(items), start, cancel, clear };
}
