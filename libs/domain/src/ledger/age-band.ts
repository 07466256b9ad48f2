/** Age in whole years on a day (both ISO dates, calendar arithmetic: a birthday on 29 Feb counts from 1 Mar). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** 年齢帯 of a person on a day: the only age a provider sees before confirmation. */
export function ageBandOn(birthDate: string, day: string): '0-5' | '6-11' | '12-17' | '18-29' | '30-49' | '50-64' | '65+' {
  const age = ageOn(birthDate, day);
  if (age < 6) return '0-5';
  if (age < 12) return '6-11';
  if (age < 18) return '12-17';
  if (age < 30) return '18-29';
  if (age < 50) return '30-49';
  if (age < 65) return '50-64';
  return '65+';
}
