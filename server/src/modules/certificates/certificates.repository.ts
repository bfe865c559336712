import type { CertificateStatus, CertificateType } from '@carebase/contracts';
import { and, asc, count, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { patients } from '../patients/patients.schema.ts';
import { certificateCounters, certificates } from './certificates.schema.ts';

export type CertificateRow = typeof certificates.$inferSelect;
export type CertificatePatient = {
  id: string;
  mrn: string;
  givenName: string;
  middleName: string | null;
  familyName: string;
  suffix: string | null;
  birthDate: string;
  email: string | null;
};
export type CertificateWithPatient = CertificateRow & { patient: CertificatePatient };

const patientColumns = {
  id: patients.id,
  mrn: patients.mrn,
  givenName: patients.givenName,
  middleName: patients.middleName,
  familyName: patients.familyName,
  suffix: patients.suffix,
  birthDate: patients.birthDate,
  email: patients.email,
};

function withPatient(db: Executor) {
  return db
    .select({ ...getTableColumns(certificates), patient: patientColumns })
    .from(certificates)
    .innerJoin(patients, eq(patients.id, certificates.patientId));
}

export async function insertCertificate(
  db: Executor,
  row: typeof certificates.$inferInsert,
): Promise<CertificateRow> {
  const [created] = await db.insert(certificates).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function findCertificate(db: Executor, id: string): Promise<CertificateWithPatient | undefined> {
  const [row] = await withPatient(db).where(eq(certificates.id, id));
  return row;
}

/** Locks the certificate row until the transaction ends: one transition at a time. */
export async function lockCertificate(db: Executor, id: string): Promise<CertificateRow | undefined> {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, id)).for('update');
  return row;
}

export async function findByVerificationCode(
  db: Executor,
  code: string,
): Promise<CertificateWithPatient | undefined> {
  const [row] = await withPatient(db).where(eq(certificates.verificationCode, code));
  return row;
}

export async function verificationCodeTaken(db: Executor, code: string): Promise<boolean> {
  const [row] = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(eq(certificates.verificationCode, code));
  return row !== undefined;
}

export async function updateCertificate(
  db: Executor,
  id: string,
  patch: Partial<typeof certificates.$inferInsert>,
): Promise<void> {
  await db
    .update(certificates)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(certificates.id, id));
}

/** The next number of the year, under the counter row's lock: concurrent approvals never share one. */
export async function nextCertificateSerial(db: Executor, year: number): Promise<number> {
  const [row] = await db
    .insert(certificateCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({
      target: certificateCounters.year,
      set: { last: sql`${certificateCounters.last} + 1` },
    })
    .returning({ last: certificateCounters.last });
  if (!row) throw new Error('the certificate counter returned no row');
  return row.last;
}

export function certificatesOfPatient(
  db: Executor,
  patientId: string,
  statuses?: readonly CertificateStatus[],
): Promise<CertificateWithPatient[]> {
  return withPatient(db)
    .where(
      and(
        eq(certificates.patientId, patientId),
        statuses ? inArray(certificates.status, [...statuses]) : undefined,
      ),
    )
    .orderBy(desc(certificates.createdAt), desc(certificates.id));
}

export type CertificateListFilter = {
  status?: CertificateStatus | undefined;
  type?: CertificateType | undefined;
  /** Leaves out certificates this user drafted. */
  notDraftedBy?: string | undefined;
  sort: 'submittedAt' | 'createdAt' | 'approvedAt';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

const SORT_COLUMNS = {
  submittedAt: certificates.submittedAt,
  createdAt: certificates.createdAt,
  approvedAt: certificates.approvedAt,
} as const;

export async function listCertificates(
  db: Executor,
  f: CertificateListFilter,
): Promise<{ rows: CertificateWithPatient[]; total: number }> {
  const where: SQL | undefined = and(
    f.status ? eq(certificates.status, f.status) : undefined,
    f.type ? eq(certificates.type, f.type) : undefined,
    notDraftedBy(f.notDraftedBy),
  );
  const column = SORT_COLUMNS[f.sort];
  const direction = f.order === 'asc' ? asc : desc;
  const rows = await withPatient(db)
    .where(where)
    .orderBy(sql`${direction(column)} nulls last`, direction(certificates.createdAt), asc(certificates.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [totalRow] = await db.select({ n: count() }).from(certificates).where(where);
  return { rows, total: totalRow?.n ?? 0 };
}

function notDraftedBy(userId: string | undefined): SQL | undefined {
  return userId ? sql`${certificates.createdBy} IS DISTINCT FROM ${userId}` : undefined;
}

export async function countCertificates(
  db: Executor,
  status: CertificateStatus,
  f: { notDraftedBy?: string | undefined } = {},
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(certificates)
    .where(and(eq(certificates.status, status), notDraftedBy(f.notDraftedBy)));
  return row?.n ?? 0;
}
