import type { Me, Permission } from '@carebase/contracts';
import type { ComponentType } from 'react';
import { hasPermission } from '../../lib/permissions.ts';
import { MyDayCard } from '../appointments/my-day-card.tsx';
import { UpcomingVisitsCard } from '../appointments/upcoming-visits-card.tsx';
import { RecentDocumentsCard } from '../attachments/recent-documents-card.tsx';
import { DeniedAttemptsCard } from '../audit/denied-attempts-card.tsx';
import { MyEarningsCard } from '../billing/my-earnings-card.tsx';
import { RevenueTodayCard } from '../billing/revenue-today-card.tsx';
import { UnpaidInvoicesCard } from '../billing/unpaid-invoices-card.tsx';
import { ApprovalsCard } from '../certificates/approvals-card.tsx';
import { CertificateDraftsCard } from '../certificates/drafts-card.tsx';
import { UnsignedNotesCard } from '../encounters/unsigned-notes-card.tsx';
import { SystemHealthCard } from '../jobs/system-health-card.tsx';
import { MyRecordCard } from '../patients/my-record-card.tsx';
import { FrontDeskDayCard } from '../queue/front-desk-day-card.tsx';
import { MyQueueCard } from '../queue/my-queue-card.tsx';
import { TriageCard } from '../queue/triage-card.tsx';
import { WaitingRoomCard } from '../queue/waiting-room-card.tsx';
import { SetupChecklistCard } from '../setup/setup-checklist-card.tsx';
import { AwaitingSetupCard } from '../users/awaiting-setup-card.tsx';
import { type Persona, personasOf } from './home-personas.ts';

export type HomeCardEntry = {
  key: string;
  /** Whose home shows it. */
  personas: readonly Persona[];
  /** And only to whoever holds this permission (what the card reads). */
  permission: Permission;
  /** Takes the full width of the page (tables). */
  wide?: boolean;
  Card: ComponentType;
};

/**
 * Every card a home page can show, in page order. A module adds its cards here (billing: today's revenue;
 * stock: alerts), so there is one home page, shaped by who signs in.
 */
export const HOME_CARDS: readonly HomeCardEntry[] = [
  {
    key: 'setup-checklist',
    personas: ['admin'],
    permission: 'settings:write',
    Card: SetupChecklistCard,
    wide: true,
  },
  { key: 'system-health', personas: ['admin'], permission: 'jobs:read', Card: SystemHealthCard, wide: true },
  { key: 'my-queue', personas: ['clinician'], permission: 'queue:call', Card: MyQueueCard },
  { key: 'my-day', personas: ['clinician'], permission: 'appointments:read', Card: MyDayCard },
  { key: 'unsigned-notes', personas: ['clinician'], permission: 'encounters:sign', Card: UnsignedNotesCard },
  { key: 'approvals', personas: ['clinician'], permission: 'certificates:approve', Card: ApprovalsCard },
  { key: 'recent-documents', personas: ['clinician'], permission: 'chart:read', Card: RecentDocumentsCard },
  { key: 'my-earnings', personas: ['clinician'], permission: 'earnings:self', Card: MyEarningsCard },
  { key: 'triage', personas: ['nurse'], permission: 'queue:write', Card: TriageCard },
  { key: 'waiting-room', personas: ['frontDesk', 'nurse'], permission: 'queue:read', Card: WaitingRoomCard },
  {
    key: 'certificate-drafts',
    personas: ['nurse', 'frontDesk'],
    permission: 'certificates:draft',
    Card: CertificateDraftsCard,
  },
  {
    key: 'front-desk-day',
    personas: ['frontDesk', 'nurse'],
    permission: 'appointments:read',
    Card: FrontDeskDayCard,
    wide: true,
  },
  {
    key: 'unpaid-invoices',
    personas: ['frontDesk', 'cashier', 'admin'],
    permission: 'invoices:write',
    Card: UnpaidInvoicesCard,
  },
  {
    key: 'revenue-today',
    personas: ['frontDesk', 'cashier', 'admin'],
    permission: 'billing:read',
    Card: RevenueTodayCard,
  },
  { key: 'denied-attempts', personas: ['admin'], permission: 'audit:read', Card: DeniedAttemptsCard },
  { key: 'awaiting-setup', personas: ['admin'], permission: 'users:read', Card: AwaitingSetupCard },
  { key: 'upcoming-visits', personas: ['patient'], permission: 'portal:self', Card: UpcomingVisitsCard },
  { key: 'my-record', personas: ['patient'], permission: 'portal:self', Card: MyRecordCard },
];

/** The cards of this user's home, in page order. */
export function homeCardsFor(
  me: Pick<Me, 'roles' | 'permissions'>,
  cards: readonly HomeCardEntry[] = HOME_CARDS,
): HomeCardEntry[] {
  const personas = personasOf(me);
  return cards.filter((c) => c.personas.some((p) => personas.has(p)) && hasPermission(me, c.permission));
}
