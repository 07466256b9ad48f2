import {
  AgeBand,
  ConsentBy,
  RiskFlag,
  DeclineReason,
  DisabilityCategory,
  Gender,
  MatchScope,
  MunicipalityKind,
  OfferStatus,
  OrganisationKind,
  RequestStatus,
  Role,
  RoomGender,
  ServiceType,
  SpecialNeed,
  TrialStayStatus,
  Urgency,
  VacancyGender,
} from '@akiwa/contracts';
import { enumCheck } from '../src/database/sql';
import { startTestApp, type TestApp } from './support/test-app';

/** Every enum CHECK of the migrated schema lists exactly the values of its libs/contracts enum. */
const ENUM_COLUMNS: [table: string, column: string, values: Record<string, string>][] = [
  ['municipalities', 'kind', MunicipalityKind],
  ['organisations', 'kind', OrganisationKind],
  ['users', 'role', Role],
  ['units', 'service_type', ServiceType],
  ['units', 'room_gender', RoomGender],
  ['units', 'categories', DisabilityCategory],
  ['units', 'special_needs', SpecialNeed],
  ['vacancies', 'gender', VacancyGender],
  ['emergency_requests', 'status', RequestStatus],
  ['emergency_requests', 'urgency', Urgency],
  ['emergency_requests', 'age_band', AgeBand],
  ['emergency_requests', 'gender', Gender],
  ['emergency_requests', 'special_needs', SpecialNeed],
  ['emergency_requests', 'scope', MatchScope],
  ['request_recipients', 'scope', MatchScope],
  ['request_responses', 'reason', DeclineReason],
  ['offers', 'status', OfferStatus],
  ['offer_nights', 'gender', VacancyGender],
  ['persons', 'age_band', AgeBand],
  ['persons', 'gender', Gender],
  ['persons', 'categories', DisabilityCategory],
  ['persons', 'special_needs', SpecialNeed],
  ['trial_stays', 'status', TrialStayStatus],
  ['waiting_list_entries', 'age_band', AgeBand],
  ['waiting_list_entries', 'gender', Gender],
  ['waiting_list_entries', 'categories', DisabilityCategory],
  ['waiting_list_entries', 'room_gender', RoomGender],
  ['registrations', 'gender', Gender],
  ['registrations', 'categories', DisabilityCategory],
  ['registrations', 'special_needs', SpecialNeed],
  ['registrations', 'risk_flags', RiskFlag],
  ['registrations', 'urgency_tier', Urgency],
  ['registrations', 'consent_by', ConsentBy],
];

describe('enum CHECKs come from the contracts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(ENUM_COLUMNS)('%s.%s', async (table, column, values) => {
    // the CHECKs on this column alone, with their quoted literals
    const rows: { def: string }[] = await t.db.query(
      `SELECT pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
       WHERE c.contype = 'c' AND c.conrelid = $1::regclass AND a.attname = $2 AND cardinality(c.conkey) = 1`,
      [table, column],
    );
    const lists = rows.map((r) => [...r.def.matchAll(/'((?:[^']|'')*)'::/g)].map((m) => m[1])).filter((l) => l.length > 1);
    expect(lists).toHaveLength(1);
    expect([...lists[0]].sort()).toEqual(Object.values(values).sort());
  });

  it('generates CHECK lists for new migrations from an enum', () => {
    expect(enumCheck('gender', VacancyGender)).toBe(`CHECK (gender IN ('any', 'male', 'female'))`);
  });
});
