import fc from 'fast-check';
import type { DisabilityCategory, Gender, RoomGender, SpecialNeed } from '@akiwa/contracts';
import { availabilityOver } from '../vacancy/availability';
import { nightsFrom } from '../vacancy/nights';
import { compareMatches, failingFilter, matchRequest } from './match';
import type { CandidateUnit, MatchRequest, MatchScope, PersonNeeds, Place } from './matching.types';

const NOW = new Date('2026-11-24T12:00:00Z');
const FRESH = '2026-11-24T10:00:00Z';
const STALE = '2026-11-22T10:00:00Z';
const UNKNOWN = '2026-11-10T10:00:00Z';

const UKI: Place = { municipalityCode: '43213', cityCode: '43213', regionId: '43-uki', prefectureCode: '43' };
const UTO: Place = { municipalityCode: '43211', cityCode: '43211', regionId: '43-uki', prefectureCode: '43' };
const MASHIKI: Place = { municipalityCode: '43443', cityCode: '43443', regionId: '43-kamimashiki', prefectureCode: '43' };
const KUMAMOTO_CHUO: Place = { municipalityCode: '43101', cityCode: '43100', regionId: '43-kumamoto', prefectureCode: '43' };
const KUMAMOTO_HIGASHI: Place = { municipalityCode: '43102', cityCode: '43100', regionId: '43-kumamoto', prefectureCode: '43' };
const MATSUE: Place = { municipalityCode: '32201', cityCode: '32201', regionId: '32-matsue', prefectureCode: '32' };

const person = (over: Partial<PersonNeeds> = {}): PersonNeeds => ({ categories: ['intellectual'], child: false, supportLevel: 4, specialNeeds: [], gender: 'male', ...over });

let seq = 0;
function unit(over: Partial<CandidateUnit> & { free?: number; confirmedAt?: string } = {}): CandidateUnit {
  const { free = 1, confirmedAt = FRESH, ...rest } = over;
  const id = `u${++seq}`;
  return {
    unitId: id,
    organisationId: `org-${id}`,
    place: UKI,
    categories: ['intellectual', 'physical'],
    acceptsChildren: false,
    supportLevelMin: 1,
    supportLevelMax: 6,
    specialNeeds: [],
    roomGender: 'either',
    emergencyOk: true,
    vacancies: nightsFrom('2026-11-24', 7).map((night) => ({ night, gender: 'any' as const, free, held: 0, confirmedAt })),
    ...rest,
  };
}

const request = (over: Partial<MatchRequest> = {}): MatchRequest => ({ needs: person(), home: UKI, from: '2026-11-24', nights: 3, scope: 'municipality', now: NOW, ...over });

describe('matchRequest', () => {
  it('keeps only units that pass every hard filter and have a bed every night', () => {
    const ok = unit();
    const units = [
      ok,
      unit({ emergencyOk: false }),
      unit({ categories: ['psychiatric'] }),
      unit({ supportLevelMax: 3 }),
      unit({ roomGender: 'female' }),
      unit({ free: 0 }),
      unit({ confirmedAt: UNKNOWN }),
    ];
    const r = matchRequest(request(), units);
    expect(r.matches.map((m) => m.unitId)).toEqual([ok.unitId]);
    expect(r.exclusions.map((e) => [e.filter, e.units])).toEqual([
      ['emergency', 1],
      ['category', 1],
      ['support_level', 1],
      ['room_gender', 1],
      ['vacancy', 2],
    ]);
  });

  it('explains an empty result in 宇城圏域 by naming 精神 and 医療的ケア', () => {
    const needs = person({ categories: ['psychiatric'], specialNeeds: ['medical_care'] });
    const units = [unit({ place: UTO }), unit({ place: UKI, categories: ['psychiatric'] }), unit({ place: MASHIKI, categories: ['psychiatric'], specialNeeds: ['medical_care'] })];
    const r = matchRequest(request({ needs, scope: 'region' }), units);
    expect(r.matches).toEqual([]);
    expect(r.considered).toEqual({ units: 2, providers: 2 });
    const byFilter = Object.fromEntries(r.exclusions.map((e) => [e.filter, e]));
    // every reason, not the first: the unit in 宇土市 fails both 精神 and 医療的ケア
    expect(byFilter.category.message.ja).toBe('圏域内で精神を受け入れていない: 1事業所');
    expect(byFilter.special_needs).toMatchObject({ units: 2, providers: 2 });
    expect(byFilter.special_needs.message.ja).toBe('圏域内で医療的ケアに対応していない: 2事業所');
    expect(byFilter.special_needs.message.en).toContain('medical care');
  });

  it('explains 障害児 + 精神 in a municipality with both missing: each filter with the providers it rules out', () => {
    // 白井市's case: nobody takes children, one provider takes 精神 (but no children)
    const needs = person({ categories: ['psychiatric'], child: true });
    const adultsIntellectual = unit({ organisationId: 'a' });
    const adultsIntellectual2 = unit({ organisationId: 'a' });
    const adultsPsychiatric = unit({ organisationId: 'b', categories: ['psychiatric'] });
    const r = matchRequest(request({ needs }), [adultsIntellectual, adultsIntellectual2, adultsPsychiatric]);
    expect(r.matches).toEqual([]);
    expect(r.exclusions.map((e) => [e.filter, e.units, e.providers])).toEqual([
      ['category', 2, 1],
      ['child', 3, 2],
    ]);
    expect(r.exclusions.map((e) => e.message.ja)).toEqual(['市町村内で精神を受け入れていない: 1事業所', '市町村内で障害児を受け入れていない: 2事業所']);
  });

  it('never shows an internal value: level 0 is 非該当, an unknown level is 不明', () => {
    const strict = unit({ supportLevelMin: 3, supportLevelMax: 6 });
    expect(matchRequest(request({ needs: person({ supportLevel: 0 }) }), [strict]).exclusions[0].message.ja).toBe('市町村内で障害支援区分 非該当の方を受け入れていない: 1事業所');
    const unknown = matchRequest(request({ needs: person({ supportLevel: null }) }), [strict]).exclusions[0].message.ja;
    expect(unknown).toContain('不明');
    expect(unknown).not.toMatch(/区分0|null/);
  });

  it('matches an unknown support level only where every level is taken', () => {
    const every = unit({ supportLevelMin: 0, supportLevelMax: 6 });
    const most = unit({ supportLevelMin: 1, supportLevelMax: 6 });
    const r = matchRequest(request({ needs: person({ supportLevel: null }) }), [every, most]);
    expect(r.matches.map((m) => m.unitId)).toEqual([every.unitId]);
    expect(r.exclusions.map((e) => e.filter)).toEqual(['support_level']);
  });

  it('keeps the contracted provider even when its board shows no bed (marked full), and ranks it first', () => {
    const contracted = unit({ free: 0 });
    const other = unit();
    const r = matchRequest(request({ contractedOrganisationId: contracted.organisationId }), [other, contracted]);
    expect(r.matches.map((m) => [m.unitId, m.contracted, m.full, m.available])).toEqual([
      [contracted.unitId, true, true, 0],
      [other.unitId, false, false, 1],
    ]);
    // a full unit of anyone else is excluded as before
    expect(matchRequest(request(), [contracted]).matches).toEqual([]);
    // the contracted provider still has to be able to take the person
    const wrong = unit({ free: 0, categories: ['psychiatric'] });
    expect(matchRequest(request({ contractedOrganisationId: wrong.organisationId }), [wrong]).matches).toEqual([]);
  });

  it('leaves out a unit whose admissions are paused until later, and at night one that cannot admit at night', () => {
    const paused = unit({ admissionsPausedUntil: new Date(NOW.getTime() + 3_600_000) });
    const pausedBefore = unit({ admissionsPausedUntil: new Date(NOW.getTime() - 1) });
    const dayOnly = unit({ nightAdmission: false });
    const ids = (atNight: boolean) => matchRequest(request({ atNight }), [paused, pausedBefore, dayOnly]).matches.map((m) => m.unitId).sort();
    expect(ids(false)).toEqual([pausedBefore.unitId, dayOnly.unitId].sort());
    expect(ids(true)).toEqual([pausedBefore.unitId]);
    expect(matchRequest(request({ atNight: true }), [paused, dayOnly]).exclusions.map((e) => e.message.ja)).toEqual([
      '市町村内で受入停止中: 1事業所',
      '市町村内で夜間の受入をしていない: 1事業所',
    ]);
  });

  it('widens: a ward is in its city; the region adds the region; the prefecture adds the rest of the prefecture, never another', () => {
    const home = KUMAMOTO_CHUO;
    const sameCity = unit({ place: KUMAMOTO_HIGASHI });
    const otherRegion = unit({ place: MASHIKI });
    const otherPrefecture = unit({ place: MATSUE });
    const ids = (scope: MatchScope) => matchRequest(request({ home, scope }), [sameCity, otherRegion, otherPrefecture]).matches.map((m) => m.unitId);
    expect(ids('municipality')).toEqual([sameCity.unitId]);
    expect(ids('region')).toEqual([sameCity.unitId]);
    expect(ids('prefecture')).toEqual([sameCity.unitId, otherRegion.unitId]);
  });

  it('ranks the contracted provider first, then nearness, fit and freshness', () => {
    const contracted = unit({ place: UTO, confirmedAt: STALE });
    const nearStale = unit({ confirmedAt: STALE });
    const nearFresh = unit();
    const nearMedical = unit({ specialNeeds: ['medical_care'] });
    const r = matchRequest(request({ scope: 'region', contractedOrganisationId: contracted.organisationId }), [nearStale, nearMedical, contracted, nearFresh]);
    expect(r.matches.map((m) => m.unitId)).toEqual([contracted.unitId, nearFresh.unitId, nearStale.unitId, nearMedical.unitId]);
    expect(r.matches[0].contracted).toBe(true);
  });

  it('does not count held beds, nor rows of the other gender', () => {
    const held = unit();
    held.vacancies = held.vacancies.map((v) => ({ ...v, held: 1 }));
    const femaleOnly = unit();
    femaleOnly.vacancies = femaleOnly.vacancies.map((v) => ({ ...v, gender: 'female' as const }));
    expect(matchRequest(request(), [held, femaleOnly]).matches).toEqual([]);
    expect(matchRequest(request({ needs: person({ gender: 'female' }) }), [held, femaleOnly]).matches.map((m) => m.unitId)).toEqual([femaleOnly.unitId]);
  });
});

// ---- properties over random units and requests ----
const CATS: DisabilityCategory[] = ['physical', 'intellectual', 'psychiatric', 'intractable_disease'];
const NEEDS: SpecialNeed[] = ['medical_care', 'severe_behavioural', 'severe_physical'];
const PLACES = [UKI, UTO, MASHIKI, KUMAMOTO_CHUO, KUMAMOTO_HIGASHI, MATSUE];
const arbPerson = fc.record({
  categories: fc.subarray(CATS, { minLength: 1, maxLength: 2 }),
  child: fc.boolean(),
  supportLevel: fc.integer({ min: 0, max: 6 }),
  specialNeeds: fc.subarray(NEEDS, { maxLength: 2 }),
  gender: fc.constantFrom<Gender>('male', 'female'),
});
const arbUnit = fc
  .record({
    id: fc.uuid(),
    org: fc.integer({ min: 1, max: 8 }),
    place: fc.constantFrom(...PLACES),
    categories: fc.subarray(CATS, { minLength: 1 }),
    acceptsChildren: fc.boolean(),
    min: fc.integer({ min: 0, max: 6 }),
    span: fc.integer({ min: 0, max: 6 }),
    specialNeeds: fc.subarray(NEEDS),
    roomGender: fc.constantFrom<RoomGender>('male', 'female', 'either'),
    emergencyOk: fc.boolean(),
    rows: fc.array(fc.record({ day: fc.integer({ min: 0, max: 6 }), gender: fc.constantFrom('any' as const, 'male' as const, 'female' as const), free: fc.integer({ min: 0, max: 3 }), held: fc.integer({ min: 0, max: 3 }), age: fc.constantFrom(FRESH, STALE, UNKNOWN) }), { maxLength: 14 }),
  })
  .map((u): CandidateUnit => {
    const seen = new Set<string>();
    return {
      unitId: u.id,
      organisationId: `org${u.org}`,
      place: u.place,
      categories: u.categories,
      acceptsChildren: u.acceptsChildren,
      supportLevelMin: u.min,
      supportLevelMax: Math.min(6, u.min + u.span),
      specialNeeds: u.specialNeeds,
      roomGender: u.roomGender,
      emergencyOk: u.emergencyOk,
      vacancies: u.rows
        .filter((r) => !seen.has(`${r.day}${r.gender}`) && seen.add(`${r.day}${r.gender}`))
        .map((r) => ({ night: nightsFrom('2026-11-24', 7)[r.day], gender: r.gender, free: Math.max(r.free, r.held), held: r.held, confirmedAt: r.age })),
    };
  });
const arbRequest = fc.record({ needs: arbPerson, home: fc.constantFrom(...PLACES), nights: fc.integer({ min: 1, max: 4 }), contracted: fc.option(fc.integer({ min: 1, max: 8 })) });

describe('matchRequest properties', () => {
  it('every match passes every filter with a bed each night (or is the contracted provider, full); every exclusion counts only providers without a match', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbUnit, { maxLength: 25, selector: (u) => u.unitId }), arbRequest, fc.constantFrom<MatchScope>('municipality', 'region', 'prefecture'), (units, r, scope) => {
        const req: MatchRequest = { needs: r.needs, home: r.home, from: '2026-11-24', nights: r.nights, scope, now: NOW, contractedOrganisationId: r.contracted ? `org${r.contracted}` : null };
        const result = matchRequest(req, units);
        for (const m of result.matches) {
          const u = units.find((x) => x.unitId === m.unitId)!;
          expect(failingFilter(u, req)).toBeNull();
          const a = availabilityOver(u.vacancies, req.from, req.nights, { gender: req.needs.gender, now: NOW });
          expect(a?.available ?? 0).toBe(m.available);
          if (m.full) expect(m.contracted).toBe(true);
          else expect(m.available).toBeGreaterThanOrEqual(1);
        }
        const unmatchedProviders = result.considered.providers - new Set(result.matches.map((m) => m.organisationId)).size;
        for (const e of result.exclusions) {
          expect(e.providers).toBeGreaterThanOrEqual(1);
          expect(e.providers).toBeLessThanOrEqual(unmatchedProviders);
          expect(e.units).toBeLessThanOrEqual(result.considered.units);
        }
        for (let i = 1; i < result.matches.length; i++) expect(compareMatches(result.matches[i - 1], result.matches[i])).toBeLessThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('widening never loses a match', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbUnit, { maxLength: 25, selector: (u) => u.unitId }), arbRequest, (units, r) => {
        const ids = (scope: MatchScope) => new Set(matchRequest({ needs: r.needs, home: r.home, from: '2026-11-24', nights: r.nights, scope, now: NOW }, units).matches.map((m) => m.unitId));
        const [m, g, p] = [ids('municipality'), ids('region'), ids('prefecture')];
        for (const id of m) expect(g.has(id)).toBe(true);
        for (const id of g) expect(p.has(id)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
