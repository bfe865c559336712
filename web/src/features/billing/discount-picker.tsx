import type { DiscountKind, GrantDiscount } from '@carebase/contracts';
import { Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import { itemName, shareLabel } from './price-format.ts';

interface DiscountPickerProps {
  label: string;
  kinds: readonly DiscountKind[];
  /** The discount saved on the draft now. */
  saved: { kindId: string; reason: string | null } | null;
  disabled: boolean;
  onSave: (grant: GrantDiscount | null) => void;
}

/**
 * A kind of discount and its reason. A kind that needs a reason is only sent once the reason is typed, so the
 * cashier is asked for it rather than shown a refusal.
 */
export function DiscountPicker({ label, kinds, saved, disabled, onSave }: DiscountPickerProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [kindId, setKindId] = useState<string | null>(saved?.kindId ?? null);
  const [reason, setReason] = useState(saved?.reason ?? '');
  const kind = kinds.find((k) => k.id === kindId);
  const needsReason = kind?.reasonRequired === true && reason.trim() === '';
  const grant = (id: string, why: string): GrantDiscount =>
    why.trim() ? { kindId: id, reason: why.trim() } : { kindId: id };

  const pick = (id: string | null) => {
    setKindId(id);
    if (id === null) onSave(null);
    else if (!(kinds.find((k) => k.id === id)?.reasonRequired && reason.trim() === ''))
      onSave(grant(id, reason));
  };
  const commitReason = () => {
    if (kindId && reason.trim() !== (saved?.reason ?? '') && reason.trim() !== '')
      onSave(grant(kindId, reason));
  };

  return (
    <>
      <Select
        label={label}
        placeholder={t('billing.cashier.noDiscount')}
        data={kinds.map((k) => ({
          value: k.id,
          label: `${itemName(k, format.context.language)} (${shareLabel(k.value, format.context.language, format.money)})`,
        }))}
        value={kindId}
        onChange={pick}
        clearable
        disabled={disabled}
        w={260}
      />
      {kindId ? (
        <TextInput
          label={t('billing.cashier.discountReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          onBlur={commitReason}
          onKeyDown={(e) => e.key === 'Enter' && commitReason()}
          error={needsReason ? t('billing.cashier.reasonNeeded') : undefined}
          required={kind?.reasonRequired}
          disabled={disabled}
          w={260}
        />
      ) : null}
    </>
  );
}
