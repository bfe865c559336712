import type { DoctorShare } from '@carebase/contracts';
import { Input, SegmentedControl, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MoneyInput, PercentInput } from '../../components/money-input.tsx';

/** A share as the form holds it: its kind, and the number typed for it ('' while empty). */
export type ShareDraft = { kind: 'none' | DoctorShare['kind']; value: number | '' };

export function draftOf(share: DoctorShare | null): ShareDraft {
  if (!share) return { kind: 'none', value: '' };
  return share.kind === 'percent'
    ? { kind: 'percent', value: share.basisPoints }
    : { kind: 'fixed', value: share.amountMinor };
}

/** The share to send, or null for none; undefined when the number is missing. */
export function shareOf(draft: ShareDraft): DoctorShare | null | undefined {
  if (draft.kind === 'none') return null;
  if (draft.value === '') return undefined;
  return draft.kind === 'percent'
    ? { kind: 'percent', basisPoints: draft.value }
    : { kind: 'fixed', amountMinor: draft.value };
}

export function sameShare(a: DoctorShare | null, b: DoctorShare | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** None, a percentage or a fixed amount, and the number for it. */
export function ShareFields({
  label,
  description,
  draft,
  onChange,
  error,
  disabled,
  allowNone = true,
}: {
  label: string;
  description?: string;
  draft: ShareDraft;
  onChange: (draft: ShareDraft) => void;
  error?: string | undefined;
  disabled: boolean;
  allowNone?: boolean;
}) {
  const { t } = useTranslation();
  const kinds = [...(allowNone ? (['none'] as const) : []), 'percent', 'fixed'] as const;
  const amountLabel = t(`billing.priceList.shareAmount.${draft.kind === 'fixed' ? 'fixed' : 'percent'}`);
  return (
    <Input.Wrapper label={label} description={description} error={error}>
      <Stack gap="xs" mt={4}>
        <SegmentedControl
          value={draft.kind}
          onChange={(kind) => onChange({ kind: kind as ShareDraft['kind'], value: '' })}
          data={kinds.map((kind) => ({ value: kind, label: t(`billing.priceList.shareKinds.${kind}`) }))}
          disabled={disabled}
          aria-label={label}
        />
        {draft.kind === 'percent' ? (
          <PercentInput
            aria-label={amountLabel}
            value={draft.value}
            onChange={(value) => onChange({ ...draft, value })}
            disabled={disabled}
            maw={200}
          />
        ) : draft.kind === 'fixed' ? (
          <MoneyInput
            aria-label={amountLabel}
            value={draft.value}
            onChange={(value) => onChange({ ...draft, value })}
            disabled={disabled}
            maw={200}
          />
        ) : null}
      </Stack>
    </Input.Wrapper>
  );
}
