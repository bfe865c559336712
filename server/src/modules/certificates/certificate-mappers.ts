import { type Certificate, formatVerificationCode } from '@carebase/contracts';
import type { Executor } from '../../platform/db/database.ts';
import { findUserById } from '../users/users.repository.ts';
import { patientFullName } from './certificate-pdf.ts';
import { restDaysOf } from './certificate-rules.ts';
import type { CertificateWithPatient } from './certificates.repository.ts';

type Person = { id: string; name: string };

/** Staff names for the certificates' createdBy/rejectedBy, looked up once per distinct id. */
export async function staffNames(db: Executor, rows: readonly CertificateWithPatient[]) {
  const names = new Map<string, string>();
  for (const id of new Set(rows.flatMap((r) => [r.createdBy, r.rejectedBy]))) {
    if (!id) continue;
    const user = await findUserById(db, id);
    if (user) names.set(id, user.name);
  }
  return (id: string | null): Person | null => {
    const name = id ? names.get(id) : undefined;
    return id && name !== undefined ? { id, name } : null;
  };
}

export function toCertificate(
  row: CertificateWithPatient,
  people: (id: string | null) => Person | null,
  publicUrl: string,
): Certificate {
  const code = row.verificationCode ? formatVerificationCode(row.verificationCode) : null;
  return {
    id: row.id,
    patient: { id: row.patient.id, mrn: row.patient.mrn, name: patientFullName(row.patient) },
    type: row.type,
    title: row.title,
    findings: row.findings,
    recommendation: row.recommendation,
    validFrom: row.validFrom,
    validTo: row.validTo,
    restDays: restDaysOf(row),
    status: row.status,
    number: row.number,
    verificationCode: code,
    verifyUrl: code ? `${publicUrl}/verify/${code}` : null,
    rejectionReason: row.rejectionReason,
    revocationReason: row.revocationReason,
    createdAt: row.createdAt.toISOString(),
    createdBy: people(row.createdBy),
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    approvedBy:
      row.approvedBy && row.approverName && row.approverLicence
        ? { id: row.approvedBy, name: row.approverName, licenceNumber: row.approverLicence }
        : null,
    rejectedAt: row.rejectedAt?.toISOString() ?? null,
    rejectedBy: people(row.rejectedBy),
    issuedAt: row.issuedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
