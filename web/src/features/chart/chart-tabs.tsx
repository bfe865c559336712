import { CertificatesTab } from '../certificates/certificates-tab.tsx';
import { DentalTab } from '../dental/dental-tab.tsx';
import { useChart } from './chart-context.ts';

/** The dental chart, built by the dental feature, inside the patient chart. */
export function DentalRoute() {
  const { patient } = useChart();
  return <DentalTab patientId={patient.id} />;
}

/** The medical certificates of the patient, built by the certificates feature. */
export function CertificatesRoute() {
  const { patient } = useChart();
  return <CertificatesTab patientId={patient.id} />;
}
