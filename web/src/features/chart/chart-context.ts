import type { Patient } from '@carebase/contracts';
import { useOutletContext } from 'react-router';
import type { ChartAccess } from './chart-access.ts';

/** What every tab of the chart gets from the layout around it. */
export interface ChartContext {
  patient: Patient;
  access: ChartAccess;
}

export function useChart(): ChartContext {
  return useOutletContext<ChartContext>();
}
