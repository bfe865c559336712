import type { DentalCondition } from '@carebase/contracts';
import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CONDITION_COLORS, LEGEND_CONDITIONS } from './dental-layout.ts';

/** A small picture of how the chart draws a condition, for the legend, badges and history. */
export function ConditionSymbol({ condition, size = 14 }: { condition: DentalCondition; size?: number }) {
  const color = condition === 'healthy' ? '#adb5bd' : CONDITION_COLORS[condition];
  let body: React.ReactNode;
  switch (condition) {
    case 'missing':
    case 'extracted':
      body = <path d="M3 3l10 10M13 3L3 13" stroke={color} strokeWidth={2.4} strokeLinecap="round" />;
      break;
    case 'crown':
      body = <circle cx={8} cy={8} r={5.5} fill="none" stroke={color} strokeWidth={2.4} />;
      break;
    case 'bridge':
      body = (
        <>
          <rect x={1.5} y={6.5} width={13} height={3} rx={1.5} fill={color} />
          <rect x={1.5} y={3.5} width={4} height={9} rx={1.5} fill={color} opacity={0.55} />
          <rect x={10.5} y={3.5} width={4} height={9} rx={1.5} fill={color} opacity={0.55} />
        </>
      );
      break;
    case 'root_canal':
      body = (
        <>
          <path d="M5 2.5h6l-1.2 11H6.2z" fill="#f6efe2" stroke="#9aa3ad" strokeWidth={0.8} />
          <path d="M8 4v8.5" stroke={color} strokeWidth={2.2} strokeLinecap="round" />
        </>
      );
      break;
    case 'implant':
      body = (
        <>
          <path d="M4.5 2.5h7L9.5 14h-3z" fill="#e3e8ec" stroke={color} strokeWidth={1.2} />
          <path d="M4.5 5.5l7-1M5 8.5l6-1M5.6 11.5l4.8-1" stroke={color} strokeWidth={1} />
        </>
      );
      break;
    case 'healthy':
      body = (
        <rect x={2} y={2} width={12} height={12} rx={3} fill="#ffffff" stroke={color} strokeWidth={1.2} />
      );
      break;
    default:
      body = <rect x={2} y={2} width={12} height={12} rx={3} fill={color} />;
  }
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      style={{ flex: 'none' }}
    >
      {body}
    </svg>
  );
}

/** What the colours and marks of the chart mean. */
export function DentalLegend() {
  const { t } = useTranslation();
  return (
    <Group gap="md" wrap="wrap" component="ul" aria-label={t('dental.legend')} className="odontogram-legend">
      {LEGEND_CONDITIONS.map((condition) => (
        <Group key={condition} gap={6} component="li" wrap="nowrap">
          <ConditionSymbol condition={condition} />
          <Text size="xs" c="dimmed" span>
            {t(`dental.conditions.${condition}`)}
          </Text>
        </Group>
      ))}
    </Group>
  );
}
