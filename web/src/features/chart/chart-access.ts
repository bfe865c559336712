import type { Permission } from '@carebase/contracts';

export const CHART_TABS = [
  'summary',
  'encounters',
  'vitals',
  'dental',
  'certificates',
  'files',
  'imaging',
  'timeline',
  'details',
  'billing',
] as const;
export type ChartTab = (typeof CHART_TABS)[number];

/** What the signed-in user may see and do in one patient's chart. */
export interface ChartAccess {
  /** Staff with the clinical record (chart:read), or the patient on their own record. */
  clinical: boolean;
  /** The patient themself (portal:self on their own record): everything read-only. */
  portal: boolean;
  writeChart: boolean;
  sign: boolean;
  prescribe: boolean;
  writeDemographics: boolean;
  merge: boolean;
  certificates: boolean;
  /** The patient's account (billing:read): what they owe and their statement. */
  billing: boolean;
  /** The patient's imaging studies (imaging:read, with the clinical record). */
  imaging: boolean;
}

export function chartAccessOf(permissions: readonly Permission[], ownRecord: boolean): ChartAccess {
  const has = (p: Permission) => permissions.includes(p);
  const staffChart = has('chart:read');
  const portal = !staffChart && !has('patients:read') && has('portal:self') && ownRecord;
  return {
    clinical: staffChart || portal,
    portal,
    writeChart: staffChart && has('chart:write'),
    sign: staffChart && has('encounters:sign'),
    prescribe: staffChart && has('prescriptions:write'),
    writeDemographics: has('patients:write'),
    merge: has('patients:merge'),
    certificates: has('certificates:read') && !portal,
    billing: has('billing:read') && !portal,
    imaging: staffChart && has('imaging:read'),
  };
}

/**
 * The tabs a user sees: clinicians the whole chart, receptionists the registration details (and certificates,
 * which their role drafts), the patient their own summary.
 */
export function visibleChartTabs(access: ChartAccess): ChartTab[] {
  if (access.portal) return ['summary', 'details'];
  // Without the clinical record, the registration details are what the chart is about: they come first.
  if (!access.clinical)
    return [
      'details',
      ...(access.certificates ? (['certificates'] as const) : []),
      ...(access.billing ? (['billing'] as const) : []),
    ];
  return CHART_TABS.filter((tab) => {
    switch (tab) {
      case 'details':
        return true;
      case 'certificates':
        return access.certificates;
      case 'billing':
        return access.billing;
      case 'imaging':
        return access.imaging;
      default:
        return access.clinical;
    }
  });
}

/** `/patients/:id/encounters/123` → `encounters`; null on the chart's own address. */
export function tabOfPath(pathname: string, patientId: string): ChartTab | null {
  const base = `/patients/${patientId}`;
  if (!pathname.startsWith(base)) return null;
  const segment = pathname.slice(base.length).split('/').filter(Boolean)[0];
  if (segment === 'edit') return 'details';
  return (CHART_TABS as readonly string[]).includes(segment ?? '') ? (segment as ChartTab) : null;
}
