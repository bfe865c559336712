import type { Patient } from '@carebase/contracts';
import { useOutletContext } from 'react-router';
import type { ChartAccess, ChartTab } from './chart-access.ts';

/** What every tab of the chart gets from the layout around it. */
export interface ChartContext {
  patient: Patient;
  access: ChartAccess;
  /** The first tab this user may see: where the chart's own address leads. */
  firstTab: ChartTab;
}

export function useChart(): ChartContext {
  return useOutletContext<ChartContext>();
}
