import type { CreateUnitRequest, UnitVacancies, UnitView } from '@akiwa/contracts';
import { addDays, serviceNight } from '@akiwa/domain';
import type { TestApp } from './test-app';

/** Tonight in Japan, and n days later, as the API counts them. */
export const today = () => serviceNight(new Date());
export const inDays = (n: number) => addDays(today(), n);

let seq = 0;

/** A valid unit body; override what the test is about. */
export function unitBody(overrides: Partial<CreateUnitRequest> = {}): CreateUnitRequest {
  return {
    name: `テストユニット ${++seq}-${Math.random().toString(36).slice(2, 7)}`,
    serviceType: 'short_stay_attached',
    municipalityCode: '43213',
    capacity: 4,
    categories: ['intellectual'],
    acceptsChildren: false,
    supportLevelMin: 0,
    supportLevelMax: 6,
    specialNeeds: [],
    roomGender: 'either',
    emergencyOk: true,
    trialOk: false,
    contact24h: '0964-00-0000',
    note: '',
    ...overrides,
  };
}

export async function createUnit(t: TestApp, token: string, overrides: Partial<CreateUnitRequest> = {}): Promise<UnitView> {
  const r = await t.request('POST', '/api/units', { token, body: unitBody(overrides) });
  if (r.status !== 201) throw new Error(`create unit failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function vacancies(t: TestApp, token: string, unitId: string): Promise<UnitVacancies> {
  const r = await t.request('GET', `/api/units/${unitId}/vacancies`, { token });
  if (r.status !== 200) throw new Error(`get vacancies failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Sets free beds for a range (any gender by default) at the unit's current vacancy version. */
export async function setRange(t: TestApp, token: string, unitId: string, from: string, to: string, free: number, gender = 'any'): Promise<UnitVacancies> {
  const { vacancyVersion } = await vacancies(t, token, unitId);
  const r = await t.request('PUT', `/api/units/${unitId}/vacancies/range`, { token, body: { from, to, gender, free, expectedVersion: vacancyVersion } });
  if (r.status !== 200) throw new Error(`set range failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
