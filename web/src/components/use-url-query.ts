import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';

export type UrlQueryPatch = Record<string, string | number | null | undefined>;

/**
 * A list page's filters, sort and page, kept in the address bar so they survive reloads and can be
 * shared. They are read with the contract's own query schema; an unreadable address falls back to the
 * defaults. Changing anything but the page goes back to page 1.
 */
export function useUrlQuery<S extends z.ZodType>(schema: S): [z.output<S>, (patch: UrlQueryPatch) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const key = searchParams.toString();

  const value = useMemo(() => {
    const parsed = schema.safeParse(Object.fromEntries(new URLSearchParams(key)));
    return parsed.success ? parsed.data : schema.parse({});
  }, [key, schema]);

  const update = useCallback(
    (patch: UrlQueryPatch) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(name);
            else next.set(name, String(v));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  return [value, update];
}
