import { bedStatusOf, organizationOf, slotOf, slotStatusOf } from './fhir-resources';

describe('FHIR resources of the feeds', () => {
  it('maps each calendar mark to a Slot status and a bed status: only ○ and △ are free, unknown never is', () => {
    expect((['free', 'few', 'full', 'paused', 'unknown'] as const).map((m) => [m, slotStatusOf(m), bedStatusOf(m)?.code])).toEqual([
      ['free', 'free', 'U'],
      ['few', 'free', 'U'],
      ['full', 'busy', 'O'],
      ['paused', 'busy-unavailable', 'C'],
      ['unknown', 'busy-unavailable', undefined],
    ]);
  });

  it('names a slot by unit and night, spanning the night from one cutoff to the next', () => {
    expect(slotOf('u1', { night: '2026-12-31', mark: 'few', available: 1, freshness: 'fresh' }, 600)).toEqual({
      resourceType: 'Slot',
      id: 'u1-20261231',
      schedule: { reference: 'Schedule/u1' },
      status: 'free',
      start: '2026-12-31T10:00:00+09:00',
      end: '2027-01-01T10:00:00+09:00',
      comment: '空床 1（残りわずか）',
    });
  });

  it('shows a provider’s contacts only from a public profile', () => {
    expect(organizationOf({ id: 'o', name: 'うきさと', contact: null })).not.toHaveProperty('telecom');
    const shown = organizationOf({ id: 'o', name: 'うきさと', contact: { officeNumber: '4310100123', phone: '0964-00-1111', postalCode: '869-0502', address: '熊本県宇城市' } });
    expect(shown.identifier?.[0].value).toBe('4310100123');
    expect(shown.telecom?.[0].value).toBe('0964-00-1111');
  });
});
