import type { ComponentType } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { useChart } from './chart-context.ts';

function page(path: string, load: () => Promise<ComponentType>): RouteObject {
  return { path, lazy: async () => ({ Component: await load() }) };
}

/** The chart's own address: on to the first tab this user may see. */
function ChartIndex() {
  const { patient, firstTab } = useChart();
  return <Navigate to={`/patients/${patient.id}/${firstTab}`} replace />;
}

/**
 * `/patients/:patientId/*`: the chart layout (header, tabs) and one route per tab. The layout checks
 * access; its index sends the chart's own address to the first tab the user may see.
 */
export const chartRoute: RouteObject = {
  path: 'patients/:patientId',
  lazy: async () => ({ Component: (await import('./chart-layout.tsx')).ChartLayout }),
  children: [
    { index: true, Component: ChartIndex },
    page('summary', () => import('./summary-tab.tsx').then((m) => m.SummaryTab)),
    page('details', () => import('./details-tab.tsx').then((m) => m.DetailsTab)),
    page('edit', () => import('../patients/patient-edit-page.tsx').then((m) => m.PatientEditPage)),
    page('encounters', () => import('../encounters/encounters-tab.tsx').then((m) => m.EncountersTab)),
    page('encounters/:encounterId', () =>
      import('../encounters/encounter-page.tsx').then((m) => m.EncounterPage),
    ),
    page('vitals', () => import('../vitals/vitals-tab.tsx').then((m) => m.VitalsTab)),
    page('dental', () => import('./chart-tabs.tsx').then((m) => m.DentalRoute)),
    page('certificates', () => import('./chart-tabs.tsx').then((m) => m.CertificatesRoute)),
    page('files', () => import('../attachments/files-tab.tsx').then((m) => m.FilesTab)),
    page('imaging', () => import('../imaging/patient-imaging-tab.tsx').then((m) => m.PatientImagingTab)),
    page('billing', () => import('../billing/patient-billing-tab.tsx').then((m) => m.PatientBillingTab)),
    page('timeline', () => import('./timeline-tab.tsx').then((m) => m.TimelineTab)),
  ],
};
