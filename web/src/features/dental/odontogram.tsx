import type { DentalCondition, DentalToothState, NumberingSystem, Surface } from '@carebase/contracts';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import {
  CHART_WIDTH,
  type ChartRow,
  CONDITION_COLORS,
  displayNumber,
  isNavigationKey,
  MIDLINE_X,
  nextToothForKey,
  SLOT_WIDTH,
  surfaceSides,
  toothCenterX,
} from './dental-layout.ts';
import './odontogram.css';
import { type DiagramPart, diagramSegment, diagramSurfaces, toothShape } from './tooth-shapes.ts';

interface RowMetrics {
  label: number;
  toothArea: number;
  gap: number;
  radius: number;
  inner: number;
  height: number;
}

const PERMANENT_METRICS = metrics(96, 16);
const PRIMARY_METRICS = metrics(72, 14);
const ROW_GAP_SAME_ARCH = 14;
const ARCH_GAP = 26;
const PAD = 6;

function metrics(toothArea: number, radius: number): RowMetrics {
  const label = 20;
  const gap = 9;
  return {
    label,
    toothArea,
    gap,
    radius,
    inner: radius * 0.42,
    height: label + toothArea + gap + radius * 2 + 6,
  };
}

interface PlacedRow {
  row: ChartRow;
  top: number;
  m: RowMetrics;
}

function placeRows(rows: readonly ChartRow[]): {
  placed: PlacedRow[];
  height: number;
  archLine: number | null;
} {
  const placed: PlacedRow[] = [];
  let y = PAD;
  let archLine: number | null = null;
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    if (previous) {
      if (previous.arch !== row.arch) {
        archLine = y + ARCH_GAP / 2;
        y += ARCH_GAP;
      } else y += ROW_GAP_SAME_ARCH;
    }
    const m = row.primary ? PRIMARY_METRICS : PERMANENT_METRICS;
    placed.push({ row, top: y, m });
    y += m.height;
  });
  return { placed, height: y + PAD, archLine };
}

type WholeCondition = Exclude<DentalCondition, 'healthy' | 'caries' | 'filling' | 'sealant'>;

function has(state: DentalToothState | undefined, condition: WholeCondition): boolean {
  return state?.conditions.includes(condition) ?? false;
}

function surfaceColor(state: DentalToothState | undefined, surface: Surface): string | null {
  const found = state?.surfaces.find((s) => s.surface === surface);
  if (!found || found.condition === 'healthy') return null;
  return CONDITION_COLORS[found.condition];
}

interface ToothProps {
  tooth: number;
  state: DentalToothState | undefined;
  placed: PlacedRow;
  numbering: NumberingSystem;
  selected: boolean;
  tabbable: boolean;
  label: string;
  surfaceTitle: (tooth: number, surface: Surface) => string;
  onOpen: (tooth: number, surface?: Surface) => void;
  onKeyDown: (event: KeyboardEvent<SVGGElement>, tooth: number) => void;
  onFocus: (tooth: number) => void;
  register: (tooth: number, element: SVGGElement | null) => void;
}

function Tooth(props: ToothProps) {
  const { tooth, state, placed, numbering, selected, tabbable, label, surfaceTitle, onOpen } = props;
  const { m, top, row } = placed;
  const upper = row.arch === 'upper';
  const cx = toothCenterX(tooth);
  const shape = toothShape(tooth, m.toothArea);
  const gone = has(state, 'missing') || has(state, 'extracted');
  const implant = has(state, 'implant');
  const crowned = has(state, 'crown');
  const bridged = has(state, 'bridge');

  // Upper teeth hang from the top with the biting edge towards the middle; lower teeth are mirrored.
  const edgeY = upper ? top + m.label + m.toothArea : top + m.radius * 2 + m.gap;
  const toothTransform = upper
    ? `translate(${cx} ${top + m.label})`
    : `translate(${cx} ${edgeY}) scale(1 -1) translate(0 ${-m.toothArea})`;
  const diagramY = upper ? edgeY + m.gap + m.radius : top + m.radius;
  const labelY = upper ? top + 14 : top + m.height - 6;
  const sides = diagramSurfaces(surfaceSides(tooth));

  const crownFill = crowned
    ? CONDITION_COLORS.crown
    : bridged
      ? CONDITION_COLORS.bridge
      : 'url(#odontogram-enamel)';
  const crossColor = has(state, 'extracted') ? CONDITION_COLORS.extracted : CONDITION_COLORS.missing;
  const toothTop = upper ? top + m.label - 2 : edgeY - 2;
  const toothBottom = upper ? edgeY + 2 : top + m.height - m.label + 2;

  const partPath = (part: DiagramPart) =>
    part === 'center' ? null : diagramSegment(part, m.radius, m.inner);

  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it behaves as one
    <g
      ref={(element) => props.register(tooth, element)}
      className={`odontogram-tooth${selected ? ' is-selected' : ''}${gone ? ' is-gone' : ''}`}
      role="button"
      tabIndex={tabbable ? 0 : -1}
      aria-label={label}
      aria-haspopup="dialog"
      data-tooth={tooth}
      onClick={() => onOpen(tooth)}
      onKeyDown={(event) => props.onKeyDown(event, tooth)}
      onFocus={() => props.onFocus(tooth)}
    >
      <rect
        className="odontogram-slot"
        x={cx - SLOT_WIDTH / 2 + 2}
        y={top}
        width={SLOT_WIDTH - 4}
        height={m.height}
        rx={9}
      />
      <text
        className={`odontogram-number${row.primary ? ' is-primary' : ''}`}
        x={cx}
        y={labelY}
        textAnchor="middle"
      >
        {displayNumber(tooth, numbering)}
      </text>

      <g transform={toothTransform} className="odontogram-drawing" opacity={gone ? 0.3 : 1}>
        {implant ? (
          <g className="odontogram-implant">
            <path
              d={shape.implant.body}
              fill="url(#odontogram-metal)"
              stroke={CONDITION_COLORS.implant}
              strokeWidth={1.4}
            />
            {shape.implant.threads.map((d) => (
              <path key={d} d={d} stroke={CONDITION_COLORS.implant} strokeWidth={1.1} strokeLinecap="round" />
            ))}
          </g>
        ) : (
          <path d={shape.root} className="odontogram-root" fill="url(#odontogram-dentin)" />
        )}
        <path
          d={shape.crown}
          className="odontogram-crown"
          fill={crownFill}
          fillOpacity={crowned ? 0.55 : bridged ? 0.35 : 1}
          stroke={crowned ? CONDITION_COLORS.crown : bridged ? CONDITION_COLORS.bridge : undefined}
          strokeWidth={crowned || bridged ? 1.8 : undefined}
        />
        {has(state, 'root_canal')
          ? shape.canals.map((d) => (
              <path
                key={d}
                d={d}
                fill="none"
                stroke={CONDITION_COLORS.root_canal}
                strokeWidth={2.8}
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            ))
          : null}
      </g>

      {gone ? (
        <g stroke={crossColor} strokeWidth={2.6} strokeLinecap="round" className="odontogram-cross">
          <line x1={cx - 15} y1={toothTop + 8} x2={cx + 15} y2={toothBottom - 8} />
          <line x1={cx + 15} y1={toothTop + 8} x2={cx - 15} y2={toothBottom - 8} />
        </g>
      ) : null}

      <g transform={`translate(${cx} ${diagramY})`} opacity={gone ? 0.35 : 1}>
        {crowned ? (
          <circle r={m.radius + 3.2} fill="none" stroke={CONDITION_COLORS.crown} strokeWidth={2.4} />
        ) : null}
        {(['top', 'right', 'bottom', 'left', 'center'] as const).map((part) => {
          const surface = sides[part];
          const color = surfaceColor(state, surface);
          const path = partPath(part);
          const common = {
            className: `odontogram-surface${color ? ' has-condition' : ''}`,
            fill: color ?? '#ffffff',
            'data-surface': surface,
            onClick: (event: React.MouseEvent) => {
              event.stopPropagation();
              onOpen(tooth, surface);
            },
          };
          return path ? (
            <path key={part} d={path} {...common}>
              <title>{surfaceTitle(tooth, surface)}</title>
            </path>
          ) : (
            <circle key={part} r={m.inner} {...common}>
              <title>{surfaceTitle(tooth, surface)}</title>
            </circle>
          );
        })}
      </g>
    </g>
  );
}

export interface OdontogramProps {
  rows: readonly ChartRow[];
  states: ReadonlyMap<number, DentalToothState>;
  numbering: NumberingSystem;
  selected: number | null;
  /** The accessible name of a tooth's button: its number, name and findings. */
  toothLabel: (tooth: number) => string;
  surfaceTitle: (tooth: number, surface: Surface) => string;
  onOpen: (tooth: number, surface?: Surface) => void;
  label: string;
  help: string;
}

/**
 * The interactive chart: every tooth is a button (one tab stop for the whole chart; the arrow keys move
 * between teeth, Enter or Space opens one); a click on a surface opens the tooth with that surface chosen.
 */
export function Odontogram({
  rows,
  states,
  numbering,
  selected,
  toothLabel,
  surfaceTitle,
  onOpen,
  label,
  help,
}: OdontogramProps) {
  const helpId = useId();
  const elements = useRef(new Map<number, SVGGElement>());
  const allTeeth = rows.flatMap((row) => row.teeth);
  const [active, setActive] = useState<number>(selected ?? allTeeth[0] ?? 11);
  const tabStop = allTeeth.includes(active) ? active : (allTeeth[0] ?? 11);
  const { placed, height, archLine } = placeRows(rows);

  useEffect(() => {
    if (selected !== null) setActive(selected);
  }, [selected]);

  const onKeyDown = (event: KeyboardEvent<SVGGElement>, tooth: number) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(tooth);
      return;
    }
    if (!isNavigationKey(event.key)) return;
    event.preventDefault();
    const next = nextToothForKey(rows, tooth, event.key);
    if (next === null) return;
    setActive(next);
    elements.current.get(next)?.focus();
  };

  const bridges: { key: string; x1: number; x2: number; y: number; stroke: number }[] = [];
  for (const p of placed) {
    const y =
      p.row.arch === 'upper'
        ? p.top + p.m.label + p.m.toothArea - p.m.toothArea * 0.18
        : p.top + p.m.radius * 2 + p.m.gap + p.m.toothArea * 0.18;
    p.row.teeth.forEach((tooth, index) => {
      const next = p.row.teeth[index + 1];
      if (next !== undefined && has(states.get(tooth), 'bridge') && has(states.get(next), 'bridge')) {
        bridges.push({
          key: `${tooth}-${next}`,
          x1: toothCenterX(tooth),
          x2: toothCenterX(next),
          y,
          stroke: p.row.primary ? 4 : 5,
        });
      }
    });
  }

  return (
    <div className="odontogram">
      <p id={helpId} className="visually-hidden">
        {help}
      </p>
      {/* The chart is a group of tooth buttons, named and described for assistive technology. */}
      {/* biome-ignore lint/a11y/useSemanticElements: a fieldset cannot hold SVG; role=group names the set of teeth */}
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        width="100%"
        className="odontogram-svg"
        xmlns="http://www.w3.org/2000/svg"
        role="group"
        aria-label={label}
        aria-describedby={helpId}
      >
        <defs>
          <linearGradient id="odontogram-enamel" x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stopColor="#ffffff" />
            <stop offset="1" stopColor="#eef0f2" />
          </linearGradient>
          <linearGradient id="odontogram-dentin" x1="0" y1="0" x2="1" y2="0">
            <stop offset="0" stopColor="#f4ecdc" />
            <stop offset="0.5" stopColor="#fbf6ec" />
            <stop offset="1" stopColor="#efe4cf" />
          </linearGradient>
          <linearGradient id="odontogram-metal" x1="0" y1="0" x2="1" y2="0">
            <stop offset="0" stopColor="#c9d1d8" />
            <stop offset="0.45" stopColor="#f4f6f8" />
            <stop offset="1" stopColor="#aeb8c2" />
          </linearGradient>
        </defs>
        <line className="odontogram-midline" x1={MIDLINE_X} x2={MIDLINE_X} y1={PAD} y2={height - PAD} />
        {placed
          .filter((p) => p.row.primary && rows.length > 2)
          .map((p) => {
            const first = p.row.teeth[0] ?? 55;
            const last = p.row.teeth.at(-1) ?? 65;
            return (
              <rect
                key={`band-${p.row.arch}`}
                className="odontogram-primary-band"
                x={toothCenterX(first) - SLOT_WIDTH / 2 - 4}
                y={p.top - 4}
                width={toothCenterX(last) - toothCenterX(first) + SLOT_WIDTH + 8}
                height={p.m.height + 8}
                rx={12}
              />
            );
          })}
        {archLine !== null ? (
          <line className="odontogram-archline" x1={8} x2={CHART_WIDTH - 8} y1={archLine} y2={archLine} />
        ) : null}
        {placed.flatMap((p) =>
          p.row.teeth.map((tooth) => (
            <Tooth
              key={tooth}
              tooth={tooth}
              state={states.get(tooth)}
              placed={p}
              numbering={numbering}
              selected={selected === tooth}
              tabbable={tabStop === tooth}
              label={toothLabel(tooth)}
              surfaceTitle={surfaceTitle}
              onOpen={onOpen}
              onKeyDown={onKeyDown}
              onFocus={setActive}
              register={(t, element) => {
                if (element) elements.current.set(t, element);
                else elements.current.delete(t);
              }}
            />
          )),
        )}
        <g pointerEvents="none">
          {bridges.map((b) => (
            <line
              key={b.key}
              x1={b.x1}
              x2={b.x2}
              y1={b.y}
              y2={b.y}
              stroke={CONDITION_COLORS.bridge}
              strokeWidth={b.stroke}
              strokeLinecap="round"
              opacity={0.85}
            />
          ))}
        </g>
      </svg>
    </div>
  );
}
