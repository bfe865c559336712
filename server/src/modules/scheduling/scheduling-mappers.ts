import type { Department, Room, ScheduleRule, Service, TimeOff } from '@carebase/contracts';
import type {
  DepartmentRow,
  RoomRow,
  ScheduleRuleRow,
  ServiceRow,
  TimeOffRow,
} from './scheduling.repository.ts';

export function toDepartment(row: DepartmentRow): Department {
  return {
    key: row.key,
    name: row.name,
    ticketPrefix: row.ticketPrefix,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toRoom(row: RoomRow): Room {
  return {
    id: row.id,
    name: row.name,
    departmentKey: row.departmentKey,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toService(row: ServiceRow, providerIds: string[]): Service {
  return {
    id: row.id,
    name: row.name,
    departmentKey: row.departmentKey,
    durationMinutes: row.durationMinutes,
    bufferMinutes: row.bufferMinutes,
    priceMinor: row.priceMinor,
    selfBookable: row.selfBookable,
    modality: row.modality,
    active: row.active,
    providerIds,
    createdAt: row.createdAt.toISOString(),
  };
}

/** 'HH:MM:SS' as stored → 'HH:MM' as the API speaks. */
export const hhmm = (time: string) => time.slice(0, 5);

export function toRule(row: ScheduleRuleRow): ScheduleRule {
  return {
    id: row.id,
    kind: row.kind,
    weekday: row.weekday,
    startTime: hhmm(row.startTime),
    endTime: hhmm(row.endTime),
    roomId: row.roomId,
    validFrom: row.validFrom,
    validTo: row.validTo,
  };
}

export function toTimeOff(row: TimeOffRow, names: Map<string, string>): TimeOff {
  return {
    id: row.id,
    providerId: row.providerId,
    providerName: row.providerId ? (names.get(row.providerId) ?? null) : null,
    kind: row.kind,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  };
}
