import type { CalendarCell } from '@akiwa/contracts';
import { bedStatusOf, bundleEntryOf, organizationOf, SlotEntriesJson, slotOf, slotStatusOf } from './fhir-resources';

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

  it('serialises Slot entries once per distinct cell, byte for byte as JSON.stringify of the entries would', () => {
    const cells: CalendarCell[] = [
      { night: '2026-12-31', mark: 'few', available: 1, freshness: 'fresh' },
      { night: '2026-12-31', mark: 'free', available: 3, freshness: 'fresh' },
      { night: '2026-12-31', mark: 'free', available: 2, freshness: 'fresh' },
      { night: '2026-12-31', mark: 'free', available: 4, freshness: 'stale' },
      { night: '2027-01-01', mark: 'free', available: 3, freshness: 'fresh' },
      { night: '2027-01-01', mark: 'full', available: 0, freshness: 'stale' },
      { night: '2027-01-01', mark: 'unknown', available: 0, freshness: 'unknown' },
      { night: '2027-01-02', mark: 'paused', available: 2, freshness: 'fresh' },
    ];
    const ids = ['0b6c2f7e-51a2-4d3e-9a51-3c1f0e2d4b5a', 'c0ffee00-0000-4000-8000-000000000001', 'not "a" uuid'];
    for (const cutoff of [600, 300]) {
      const json = new SlotEntriesJson(cutoff);
      // twice over: the second round comes from what the first kept
      for (const _ of [1, 2]) {
        for (const id of ids) {
          const plain = cells.map((cell) => JSON.stringify(bundleEntryOf(slotOf(id, cell, cutoff)))).join(',');
          expect(json.bytesOf(id, cells).toString('utf8')).toBe(plain);
          expect(json.bytesOf(id, cells.slice(0, 1)).toString('utf8')).toBe(JSON.stringify(bundleEntryOf(slotOf(id, cells[0], cutoff))));
        }
      }
      expect(json.bytesOf(ids[0], []).length).toBe(0);
    }
  });

  it('shows a provider’s contacts only from a public profile', () => {
    expect(organizationOf({ id: 'o', name: 'うきさと', contact: null })).not.toHaveProperty('telecom');
    const shown = organizationOf({ id: 'o', name: 'うきさと', contact: { officeNumber: '4310100123', phone: '0964-00-1111', postalCode: '869-0502', address: '熊本県宇城市' } });
    expect(shown.identifier?.[0].value).toBe('4310100123');
    expect(shown.telecom?.[0].value).toBe('0964-00-1111');
  });
});
