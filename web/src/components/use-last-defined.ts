import { useEffect, useState } from 'react';

/**
 * The value, or while it is null the last value it had: a modal opened for an item keeps showing that item
 * during its closing animation instead of going blank.
 */
export function useLastDefined<T>(value: T | null): T | null {
  const [last, setLast] = useState<T | null>(value);
  useEffect(() => {
    if (value !== null) setLast(value);
  }, [value]);
  return value ?? last;
}
