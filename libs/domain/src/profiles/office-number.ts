/**
 * 事業所番号 (指定障害福祉サービス事業所番号): ten digits, the first two the prefecture's code
 * (01 北海道 … 47 沖縄県). People type it with full-width digits or hyphens; it is stored plain.
 */
export function normaliseOfficeNumber(input: string): string {
  return input.normalize('NFKC').replace(/[\s\-‐－ー−]/g, '');
}

export function isOfficeNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const prefecture = Number(value.slice(0, 2));
  return prefecture >= 1 && prefecture <= 47;
}
