import type { DentalCondition, DentalToothState, NumberingSystem, Surface } from '@carebase/contracts';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { displayNumber, quadrantName, surfaceLabelOf, toothTypeKey } from './dental-layout.ts';

const upperFirst = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** Names of teeth, surfaces and conditions in the user's language. */
export function useDentalWords(numbering: NumberingSystem) {
  const { t } = useTranslation();

  /** "upper right first molar", to be used inside a sentence. */
  const toothNameInline = useCallback(
    (tooth: number) =>
      t('dental.toothName', {
        quadrant: t(`dental.quadrants.${quadrantName(tooth)}`),
        type: t(toothTypeKey(tooth)),
      }),
    [t],
  );

  /** "Upper right first molar", as a title. */
  const toothName = useCallback((tooth: number) => upperFirst(toothNameInline(tooth)), [toothNameInline]);

  const number = useCallback((tooth: number) => displayNumber(tooth, numbering), [numbering]);

  const surfaceShort = useCallback(
    (tooth: number, surface: Surface) => t(`dental.surfaceShort.${surfaceLabelOf(tooth, surface)}`),
    [t],
  );

  const surfaceName = useCallback(
    (tooth: number, surface: Surface) => t(`dental.surfaceNames.${surfaceLabelOf(tooth, surface)}`),
    [t],
  );

  const condition = useCallback((value: DentalCondition) => t(`dental.conditions.${value}`), [t]);

  const surfaceList = useCallback(
    (tooth: number, surfaces: readonly Surface[]) => surfaces.map((s) => surfaceShort(tooth, s)).join(''),
    [surfaceShort],
  );

  /** `caries (MO); crown`, or `no findings`. */
  const findings = useCallback(
    (tooth: number, state: DentalToothState | undefined) => {
      if (!state) return t('dental.noFindings');
      const parts: string[] = state.conditions.filter((c) => c !== 'healthy').map((c) => condition(c));
      const bySurface = new Map<DentalCondition, Surface[]>();
      for (const s of state.surfaces) {
        if (s.condition === 'healthy') continue;
        bySurface.set(s.condition, [...(bySurface.get(s.condition) ?? []), s.surface]);
      }
      for (const [value, surfaces] of bySurface) {
        parts.push(
          t('dental.surfaceFinding', { condition: condition(value), surfaces: surfaceList(tooth, surfaces) }),
        );
      }
      return parts.length > 0 ? parts.join('; ') : t('dental.noFindings');
    },
    [t, condition, surfaceList],
  );

  const toothLabel = useCallback(
    (tooth: number, state: DentalToothState | undefined) =>
      t('dental.toothButton', {
        number: number(tooth),
        name: toothNameInline(tooth),
        findings: findings(tooth, state),
      }),
    [t, number, toothNameInline, findings],
  );

  const surfaceTitle = useCallback(
    (tooth: number, surface: Surface) =>
      t('dental.surfaceTitle', { number: number(tooth), surface: surfaceName(tooth, surface) }),
    [t, number, surfaceName],
  );

  return useMemo(
    () => ({
      toothName,
      number,
      surfaceShort,
      surfaceName,
      condition,
      surfaceList,
      findings,
      toothLabel,
      surfaceTitle,
    }),
    [
      toothName,
      number,
      surfaceShort,
      surfaceName,
      condition,
      surfaceList,
      findings,
      toothLabel,
      surfaceTitle,
    ],
  );
}

export type DentalWords = ReturnType<typeof useDentalWords>;
