/**
 * Decimal text of the contract ("50000.00", "0.00010000") as bigint minor units, and back. The
 * product's own parser refuses zero and signs, which a balance can show, so the benchmark has its own.
 */
export function toMinorUnits(text: string, scale: number): bigint {
  const match = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(text);
  if (!match) throw new Error(`Not a plain decimal: ${text}`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (fraction.length > scale) throw new Error(`${text} has more than ${scale} decimal places`);
  const magnitude = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  return sign === '-' ? -magnitude : magnitude;
}

export function fromMinorUnits(minor: bigint, scale: number): string {
  const negative = minor < 0n;
  const magnitude = negative ? -minor : minor;
  const unit = 10n ** BigInt(scale);
  const fraction = scale === 0 ? '' : `.${(magnitude % unit).toString().padStart(scale, '0')}`;
  return `${negative ? '-' : ''}${magnitude / unit}${fraction}`;
}
