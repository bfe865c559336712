import type { Appointment } from '@carebase/contracts';
import type { AppointmentViewRow } from './appointments.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toAppointment(v: AppointmentViewRow): Appointment {
  const a = v.appointment;
  return {
    id: a.id,
    patientId: a.patientId,
    patientName: `${v.patientGivenName} ${v.patientFamilyName}`,
    patientMrn: v.patientMrn,
    providerId: a.providerId,
    providerName: v.providerName,
    serviceId: a.serviceId,
    serviceName: v.serviceName,
    roomId: a.roomId,
    roomName: v.roomName,
    seriesId: a.seriesId,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    blockedUntil: a.blockedUntil.toISOString(),
    status: a.status,
    notes: a.notes,
    bookedVia: a.bookedVia,
    bookedBy: a.bookedBy,
    cancelReason: a.cancelReason,
    cancelledBy: a.cancelledBy,
    cancelledAt: iso(a.cancelledAt),
    checkedInAt: iso(a.checkedInAt),
    completedAt: iso(a.completedAt),
    noShowAt: iso(a.noShowAt),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
