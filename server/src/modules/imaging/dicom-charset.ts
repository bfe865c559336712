/**
 * Text decoders for the Specific Character Set (0008,0005) terms in common use. Code extensions (ISO 2022
 * escapes) are decoded with the first repertoire's decoder, which is right for the single-byte parts.
 */
const LABELS: Record<string, string> = {
  '': 'latin1',
  ISO_IR_6: 'latin1',
  ISO_IR_100: 'latin1',
  ISO_IR_101: 'iso-8859-2',
  ISO_IR_109: 'iso-8859-3',
  ISO_IR_110: 'iso-8859-4',
  ISO_IR_144: 'iso-8859-5',
  ISO_IR_127: 'iso-8859-6',
  ISO_IR_126: 'iso-8859-7',
  ISO_IR_138: 'iso-8859-8',
  ISO_IR_148: 'iso-8859-9',
  ISO_IR_203: 'iso-8859-15',
  ISO_IR_13: 'shift_jis',
  ISO_IR_166: 'tis-620',
  ISO_IR_192: 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
  ISO_2022_IR_6: 'latin1',
  ISO_2022_IR_100: 'latin1',
  ISO_2022_IR_101: 'iso-8859-2',
  ISO_2022_IR_13: 'shift_jis',
  ISO_2022_IR_87: 'iso-2022-jp',
  ISO_2022_IR_149: 'euc-kr',
  ISO_2022_IR_58: 'gb18030',
};

const decoders = new Map<string, TextDecoder>();

/** The decoder for a Specific Character Set value (its first term decides); latin1 when unknown. */
export function charsetDecoder(specificCharacterSet: string | undefined): TextDecoder {
  const first = (specificCharacterSet ?? '').split('\\')[0]?.trim().replace(/ /g, '_') ?? '';
  const label = LABELS[first] ?? LABELS[first.replace(/^ISO 2022 /, 'ISO_2022_')] ?? 'latin1';
  let decoder = decoders.get(label);
  if (!decoder) {
    decoder = new TextDecoder(label);
    decoders.set(label, decoder);
  }
  return decoder;
}

export const ASCII = charsetDecoder('');
