import { isOfficeNumber, normaliseOfficeNumber } from './office-number';

describe('事業所番号', () => {
  it.each([
    ['4310100123', true],
    ['0110000001', true],
    ['4710000001', true],
    ['431010012', false], // nine digits
    ['43101001234', false], // eleven
    ['4810000001', false], // no prefecture 48
    ['0010000001', false], // nor 00
    ['43a0100123', false],
  ])('%s → %s', (value, ok) => expect(isOfficeNumber(value)).toBe(ok));

  it('reads full-width digits and hyphens as typed', () => {
    expect(normaliseOfficeNumber('４３１０-１００-１２３')).toBe('4310100123');
    expect(normaliseOfficeNumber(' 43 1010 0123 ')).toBe('4310100123');
  });
});
