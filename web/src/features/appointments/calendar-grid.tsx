import type { Appointment } from '@carebase/contracts';
import { Text } from '@mantine/core';
import { type CSSProperties, type DragEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS_COLORS } from './appointment-status.tsx';
import { assignLanes, formatHm, hourBounds, minutesAt, spanOnDate } from './calendar-model.ts';
import './calendar.css';

export type CalendarColumn = {
  key: string;
  label: string;
  /** What assistive technology reads for the column, when the label alone is not enough. */
  ariaLabel?: string;
  /** The local date the column shows. */
  date: string;
  /** The provider or room the column belongs to. */
  providerId?: string;
  roomId?: string;
};

export type Span = { start: number; end: number };

const PX_PER_MINUTE = 1.2;
const DRAG_TYPE = 'application/x-carebase-appointment';

interface CalendarGridProps {
  columns: CalendarColumn[];
  appointments: Appointment[];
  /** Working time of each column, as minute ranges of its date. */
  working: ReadonlyMap<string, Span[]>;
  timeZone: string;
  canMove: boolean;
  onOpen: (appointment: Appointment) => void;
  onMove: (appointment: Appointment, column: CalendarColumn, minutes: number) => void;
}

function belongs(a: Appointment, column: CalendarColumn): boolean {
  if (column.providerId) return a.providerId === column.providerId;
  if (column.roomId) return a.roomId === column.roomId;
  return false;
}

/**
 * Columns of a day each (providers, rooms or the days of a week) with hour rows; working time is shaded,
 * appointments are blocks coloured by status. A booked block can be dragged to another time or column;
 * every block is a button that opens its details, where it can also be moved with the keyboard.
 */
export function CalendarGrid(props: CalendarGridProps) {
  const { t } = useTranslation();
  const { columns, appointments, working, timeZone, canMove, onOpen, onMove } = props;
  const [dragging, setDragging] = useState<Appointment | null>(null);
  const [dropKey, setDropKey] = useState<string | null>(null);

  const placed = columns.map((column) => {
    const spans = appointments
      .filter((a) => belongs(a, column))
      .flatMap((a) => {
        const span = spanOnDate(a.startsAt, a.endsAt, column.date, timeZone);
        return span ? [{ ...span, appointment: a }] : [];
      });
    return { column, blocks: assignLanes(spans) };
  });
  const { first, last } = hourBounds([...placed.flatMap((p) => p.blocks), ...[...working.values()].flat()]);
  const height = (last - first) * 60 * PX_PER_MINUTE;
  const y = (minutes: number) => (minutes - first * 60) * PX_PER_MINUTE;
  const hours = Array.from({ length: last - first }, (_, i) => first + i);

  // Open at the first appointment (or 07:00) rather than at midnight when the day is long. Scrolls when the
  // dates shown change and once more when their first appointment appears, not on every live update.
  const scroller = useRef<HTMLElement>(null);
  const datesShown = columns.map((c) => c.date).join();
  const firstBlock = Math.min(...placed.flatMap((p) => p.blocks.map((b) => b.start)));
  const scrollTarget = Number.isFinite(firstBlock) ? firstBlock : Math.max(first * 60, 7 * 60);
  const scrollKey = `${datesShown}|${Number.isFinite(firstBlock)}`;
  const scrolledFor = useRef<string | null>(null);
  useEffect(() => {
    const el = scroller.current;
    if (!el || scrolledFor.current === scrollKey) return;
    scrolledFor.current = scrollKey;
    el.scrollTop = Math.max(0, y(scrollTarget) - 24);
  });

  const drop = (event: DragEvent<HTMLFieldSetElement>, column: CalendarColumn) => {
    event.preventDefault();
    setDropKey(null);
    const appointment = dragging;
    setDragging(null);
    if (!appointment) return;
    const rect = event.currentTarget.getBoundingClientRect();
    // The block's top follows the pointer where it was grabbed: drop at the pointer, less that offset.
    const grabOffset = Number(event.dataTransfer.getData(DRAG_TYPE).split('|')[1] ?? 0);
    onMove(appointment, column, minutesAt(event.clientY - rect.top - grabOffset, PX_PER_MINUTE, first));
  };

  return (
    <section ref={scroller} className="calendar-scroll" aria-label={t('appointments.calendar.grid')}>
      <div
        className="calendar-grid"
        style={{ gridTemplateColumns: `56px repeat(${columns.length}, minmax(160px, 1fr))` }}
      >
        <div className="calendar-head calendar-corner" aria-hidden="true">
          <Text size="xs" c="dimmed" component="span">
            {t('appointments.calendar.hours')}
          </Text>
        </div>
        {columns.map((c) => (
          <div key={c.key} className="calendar-head" aria-hidden="true">
            {c.label}
          </div>
        ))}
        <div className="calendar-hours" style={{ height, position: 'sticky' }} aria-hidden="true">
          <div style={{ position: 'relative', height }}>
            {hours.map((h) => (
              <span key={h} className="calendar-hour-label" style={{ top: y(h * 60) || 8 }}>
                {formatHm(h * 60)}
              </span>
            ))}
          </div>
        </div>
        {placed.map(({ column, blocks }) => (
          <fieldset
            key={column.key}
            aria-label={column.ariaLabel ?? column.label}
            className="calendar-column"
            data-drop-target={dropKey === column.key}
            style={{ height }}
            onDragOver={(e) => {
              if (!dragging) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              if (dropKey !== column.key) setDropKey(column.key);
            }}
            onDragLeave={() => setDropKey((k) => (k === column.key ? null : k))}
            onDrop={(e) => drop(e, column)}
          >
            {(working.get(column.key) ?? []).map((w) => (
              <div
                key={`${w.start}-${w.end}`}
                className="calendar-working"
                style={{ top: y(w.start), height: (w.end - w.start) * PX_PER_MINUTE }}
                title={t('appointments.calendar.working')}
              />
            ))}
            {hours.map((h) => (
              <div key={h} className="calendar-hour-line" style={{ top: y(h * 60) }} />
            ))}
            {blocks.map((b) => {
              const a = b.appointment;
              const color = STATUS_COLORS[a.status];
              const status = t(`appointments.status.${a.status}`);
              const movable = canMove && a.status === 'booked';
              return (
                <button
                  key={a.id}
                  type="button"
                  className="calendar-block"
                  data-status={a.status}
                  draggable={movable}
                  onDragStart={(e) => {
                    e.dataTransfer.effectAllowed = 'move';
                    const grab = e.clientY - e.currentTarget.getBoundingClientRect().top;
                    e.dataTransfer.setData(DRAG_TYPE, `${a.id}|${grab}`);
                    setDragging(a);
                  }}
                  onDragEnd={() => {
                    setDragging(null);
                    setDropKey(null);
                  }}
                  onClick={() => onOpen(a)}
                  aria-label={t('appointments.calendar.block', {
                    time: formatHm(b.start),
                    patient: a.patientName,
                    service: a.serviceName,
                    status,
                  })}
                  style={
                    {
                      top: y(b.start),
                      height: Math.max(18, (b.end - b.start) * PX_PER_MINUTE - 2),
                      left: `calc(${(100 / b.lanes) * b.lane}% + 2px)`,
                      width: `calc(${100 / b.lanes}% - 4px)`,
                      '--block-color': `var(--mantine-color-${color}-6)`,
                      '--block-background': `var(--mantine-color-${color}-light)`,
                    } as CSSProperties
                  }
                >
                  <strong>{formatHm(b.start)}</strong> {a.patientName}
                  <br />
                  {a.serviceName} · {status}
                </button>
              );
            })}
          </fieldset>
        ))}
      </div>
    </section>
  );
}
