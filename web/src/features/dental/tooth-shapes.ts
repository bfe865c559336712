import { isPrimaryTooth, type Surface } from '@carebase/contracts';
import { positionOf, type ToothKind, toothKind } from './dental-layout.ts';

/**
 * Outlines of a tooth seen from the cheek, for the chart. Drawn for an upper tooth in its own frame: x = 0 on
 * the tooth's axis, the root apex near y = 0, the cemento-enamel junction at y = `cej` and the biting edge at
 * y = `edge`. Lower teeth are the same drawing mirrored vertically.
 */
export interface ToothShape {
  kind: ToothKind;
  width: number;
  cej: number;
  edge: number;
  crown: string;
  root: string;
  /** Lines along the root canals, from the pulp chamber to the apexes. */
  canals: string[];
  /** The body of an implant screw replacing the root, and its threads. */
  implant: { body: string; threads: string[] };
}

const f = (n: number) => Number(n.toFixed(2));

/** `p(x, y)` as path text with tidy numbers. */
const p = (x: number, y: number) => `${f(x)} ${f(y)}`;

interface Size {
  width: number;
  crown: number;
  root: number;
}

const PERMANENT_SIZE: Record<ToothKind, Size> = {
  molar: { width: 40, crown: 28, root: 44 },
  premolar: { width: 31, crown: 29, root: 50 },
  canine: { width: 30, crown: 33, root: 58 },
  incisor: { width: 30, crown: 33, root: 50 },
};

/** Primary teeth are smaller and have shorter roots. */
const PRIMARY_SCALE = { width: 0.84, crown: 0.8, root: 0.72 };

export function toothSize(tooth: number): Size {
  const kind = toothKind(tooth);
  const base = PERMANENT_SIZE[kind];
  // Lateral incisors are a little narrower than central ones; third molars a little smaller than first.
  const narrower = positionOf(tooth) === 2 ? 0.88 : positionOf(tooth) === 8 ? 0.92 : 1;
  if (!isPrimaryTooth(tooth)) return { ...base, width: base.width * narrower };
  return {
    width: base.width * PRIMARY_SCALE.width * narrower,
    crown: base.crown * PRIMARY_SCALE.crown,
    root: base.root * PRIMARY_SCALE.root,
  };
}

function crownPath(kind: ToothKind, w: number, c: number, h: number): string {
  const o = c + h;
  const neck = kind === 'molar' ? 0.4 : kind === 'incisor' ? 0.33 : 0.36;
  const close = `Q ${p(0, c + 0.09 * h)} ${p(-neck * w, c)} Z`;
  switch (kind) {
    case 'molar':
      return [
        `M ${p(-neck * w, c)}`,
        `C ${p(-0.5 * w, c + 0.14 * h)} ${p(-0.54 * w, c + 0.56 * h)} ${p(-0.47 * w, o - 0.14 * h)}`,
        `C ${p(-0.43 * w, o + 0.02 * h)} ${p(-0.3 * w, o + 0.05 * h)} ${p(-0.2 * w, o - 0.03 * h)}`,
        `C ${p(-0.13 * w, o - 0.1 * h)} ${p(-0.06 * w, o - 0.12 * h)} ${p(0, o - 0.07 * h)}`,
        `C ${p(0.06 * w, o - 0.12 * h)} ${p(0.13 * w, o - 0.1 * h)} ${p(0.2 * w, o - 0.03 * h)}`,
        `C ${p(0.3 * w, o + 0.05 * h)} ${p(0.43 * w, o + 0.02 * h)} ${p(0.47 * w, o - 0.14 * h)}`,
        `C ${p(0.54 * w, c + 0.56 * h)} ${p(0.5 * w, c + 0.14 * h)} ${p(neck * w, c)}`,
        close,
      ].join(' ');
    case 'premolar':
      return [
        `M ${p(-neck * w, c)}`,
        `C ${p(-0.49 * w, c + 0.18 * h)} ${p(-0.53 * w, c + 0.55 * h)} ${p(-0.43 * w, o - 0.24 * h)}`,
        `C ${p(-0.31 * w, o - 0.06 * h)} ${p(-0.12 * w, o + 0.02 * h)} ${p(0, o)}`,
        `C ${p(0.12 * w, o + 0.02 * h)} ${p(0.31 * w, o - 0.06 * h)} ${p(0.43 * w, o - 0.24 * h)}`,
        `C ${p(0.53 * w, c + 0.55 * h)} ${p(0.49 * w, c + 0.18 * h)} ${p(neck * w, c)}`,
        close,
      ].join(' ');
    case 'canine':
      return [
        `M ${p(-neck * w, c)}`,
        `C ${p(-0.5 * w, c + 0.18 * h)} ${p(-0.53 * w, c + 0.5 * h)} ${p(-0.41 * w, o - 0.3 * h)}`,
        `C ${p(-0.28 * w, o - 0.15 * h)} ${p(-0.12 * w, o - 0.04 * h)} ${p(-0.04 * w, o - 0.01 * h)}`,
        `Q ${p(0, o + 0.01 * h)} ${p(0.04 * w, o - 0.01 * h)}`,
        `C ${p(0.12 * w, o - 0.04 * h)} ${p(0.28 * w, o - 0.15 * h)} ${p(0.41 * w, o - 0.3 * h)}`,
        `C ${p(0.53 * w, c + 0.5 * h)} ${p(0.5 * w, c + 0.18 * h)} ${p(neck * w, c)}`,
        close,
      ].join(' ');
    case 'incisor':
      return [
        `M ${p(-neck * w, c)}`,
        `C ${p(-0.42 * w, c + 0.3 * h)} ${p(-0.5 * w, c + 0.68 * h)} ${p(-0.48 * w, o - 0.09 * h)}`,
        `Q ${p(-0.47 * w, o)} ${p(-0.37 * w, o)}`,
        `L ${p(0.37 * w, o)}`,
        `Q ${p(0.47 * w, o)} ${p(0.48 * w, o - 0.09 * h)}`,
        `C ${p(0.5 * w, c + 0.68 * h)} ${p(0.42 * w, c + 0.3 * h)} ${p(neck * w, c)}`,
        close,
      ].join(' ');
  }
}

function rootPath(kind: ToothKind, w: number, c: number, r: number, h: number): string {
  const neck = kind === 'molar' ? 0.4 : kind === 'incisor' ? 0.33 : 0.36;
  const top = c - r;
  const close = `Q ${p(0, c + 0.09 * h)} ${p(-neck * w, c)} Z`;
  if (kind === 'molar') {
    const furcation = c - 0.36 * r;
    return [
      `M ${p(-neck * w, c)}`,
      `C ${p(-0.45 * w, c - 0.4 * r)} ${p(-0.39 * w, top + 0.2 * r)} ${p(-0.3 * w, top + 0.04 * r)}`,
      `C ${p(-0.26 * w, top - 0.01 * r)} ${p(-0.18 * w, top)} ${p(-0.16 * w, top + 0.08 * r)}`,
      `C ${p(-0.12 * w, top + 0.35 * r)} ${p(-0.07 * w, furcation - 0.06 * r)} ${p(0, furcation)}`,
      `C ${p(0.07 * w, furcation - 0.06 * r)} ${p(0.12 * w, top + 0.35 * r)} ${p(0.16 * w, top + 0.08 * r)}`,
      `C ${p(0.18 * w, top)} ${p(0.26 * w, top - 0.01 * r)} ${p(0.3 * w, top + 0.04 * r)}`,
      `C ${p(0.39 * w, top + 0.2 * r)} ${p(0.45 * w, c - 0.4 * r)} ${p(neck * w, c)}`,
      close,
    ].join(' ');
  }
  return [
    `M ${p(-neck * w, c)}`,
    `C ${p(-(neck + 0.03) * w, c - 0.45 * r)} ${p(-0.22 * w, top + 0.1 * r)} ${p(-0.06 * w, top + 0.01 * r)}`,
    `Q ${p(0, top - 0.01 * r)} ${p(0.06 * w, top + 0.01 * r)}`,
    `C ${p(0.22 * w, top + 0.1 * r)} ${p((neck + 0.03) * w, c - 0.45 * r)} ${p(neck * w, c)}`,
    close,
  ].join(' ');
}

function canalPaths(kind: ToothKind, w: number, c: number, r: number, h: number): string[] {
  const top = c - r;
  const chamber = c + 0.25 * h;
  if (kind === 'molar') {
    return [
      `M ${p(-0.06 * w, chamber)} L ${p(-0.1 * w, c)} Q ${p(-0.2 * w, c - 0.45 * r)} ${p(-0.23 * w, top + 0.1 * r)}`,
      `M ${p(0.06 * w, chamber)} L ${p(0.1 * w, c)} Q ${p(0.2 * w, c - 0.45 * r)} ${p(0.23 * w, top + 0.1 * r)}`,
    ];
  }
  return [`M ${p(0, chamber)} L ${p(0, top + 0.08 * r)}`];
}

function implantPaths(w: number, c: number, r: number): { body: string; threads: string[] } {
  const top = c - r * 0.92;
  const half = 0.28 * w;
  const tip = 0.15 * w;
  const body = [
    `M ${p(-half, c)}`,
    `L ${p(-tip, top + 0.12 * r)}`,
    `Q ${p(0, top - 0.04 * r)} ${p(tip, top + 0.12 * r)}`,
    `L ${p(half, c)}`,
    'Z',
  ].join(' ');
  const threads: string[] = [];
  const steps = 6;
  for (let i = 1; i < steps; i++) {
    const y = c - (i * (c - (top + 0.12 * r))) / steps;
    const t = (c - y) / (c - (top + 0.12 * r));
    const x = half - (half - tip) * t + 1.5;
    threads.push(`M ${p(-x, y + 2)} L ${p(x, y - 2)}`);
  }
  return { body, threads };
}

/** The drawing of a tooth, with its edge at `edge` (all teeth of a row share the edge line). */
export function toothShape(tooth: number, edge: number): ToothShape {
  const kind = toothKind(tooth);
  const size = toothSize(tooth);
  const cej = edge - size.crown;
  return {
    kind,
    width: size.width,
    cej,
    edge,
    crown: crownPath(kind, size.width, cej, size.crown),
    root: rootPath(kind, size.width, cej, size.root, size.crown),
    canals: canalPaths(kind, size.width, cej, size.root, size.crown),
    implant: implantPaths(size.width, cej, size.root),
  };
}

/** The five-part surface diagram: four ring segments around a centre disc. */
export type DiagramPart = 'top' | 'right' | 'bottom' | 'left' | 'center';

const ARCS: Record<Exclude<DiagramPart, 'center'>, [number, number]> = {
  top: [-135, -45],
  right: [-45, 45],
  bottom: [45, 135],
  left: [135, 225],
};

/** A ring segment of the surface diagram centred on 0,0 (screen orientation: y grows downwards). */
export function diagramSegment(part: Exclude<DiagramPart, 'center'>, outer: number, inner: number): string {
  const [a0, a1] = ARCS[part].map((deg) => (deg * Math.PI) / 180) as [number, number];
  const pt = (radius: number, angle: number) => p(radius * Math.cos(angle), radius * Math.sin(angle));
  return [
    `M ${pt(outer, a0)}`,
    `A ${f(outer)} ${f(outer)} 0 0 1 ${pt(outer, a1)}`,
    `L ${pt(inner, a1)}`,
    `A ${f(inner)} ${f(inner)} 0 0 0 ${pt(inner, a0)}`,
    'Z',
  ].join(' ');
}

/** Which stored surface each part of the diagram shows on this tooth. */
export function diagramSurfaces(sides: {
  top: Surface;
  bottom: Surface;
  left: Surface;
  right: Surface;
}): Record<DiagramPart, Surface> {
  return { ...sides, center: 'O' };
}
