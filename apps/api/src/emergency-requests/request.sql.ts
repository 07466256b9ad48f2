import type {
  AgeBand,
  DisabilityCategory,
  FilterExclusionView,
  Gender,
  MatchScope,
  OfferStatus,
  RequestNeeds,
  RequestStatus,
  SpecialNeed,
  Urgency,
} from '@akiwa/contracts';
import { SCOPES } from '@akiwa/domain';

/** An emergency request row as the use-cases read it (`e` is emergency_requests). */
export interface RequestRow {
  id: string;
  organisationId: string;
  createdBy: string;
  status: RequestStatus;
  urgency: Urgency;
  ageBand: AgeBand;
  gender: Gender;
  categories: DisabilityCategory[];
  child: boolean;
  supportLevel: number | null;
  specialNeeds: SpecialNeed[];
  municipalityCode: string;
  from: string;
  nights: number;
  scope: MatchScope;
  widensAt: Date | null;
  situationEncrypted: Buffer;
  contractedOrganisationId: string | null;
  followUpOn: string | null;
  exclusions: Partial<Record<MatchScope, FilterExclusionView[]>>;
  createdAt: Date;
}

/** Every column but the encrypted person, which is selected only where it is decrypted (and audited). */
export const REQUEST_COLUMNS = `
  e.id, e.organisation_id AS "organisationId", e.created_by AS "createdBy", e.status, e.urgency, e.age_band AS "ageBand",
  e.gender, e.categories, e.child, e.support_level AS "supportLevel", e.special_needs AS "specialNeeds",
  e.municipality_code AS "municipalityCode", e.from_night::text AS "from", e.nights, e.scope, e.widens_at AS "widensAt",
  e.situation_encrypted AS "situationEncrypted", e.contracted_organisation_id AS "contractedOrganisationId", e.follow_up_on::text AS "followUpOn",
  e.exclusions, e.created_at AS "createdAt"`;

export const needsOf = (r: Pick<RequestRow, 'ageBand' | 'gender' | 'categories' | 'child' | 'supportLevel' | 'specialNeeds'>): RequestNeeds => ({
  ageBand: r.ageBand,
  gender: r.gender,
  categories: r.categories,
  child: r.child,
  supportLevel: r.supportLevel,
  specialNeeds: r.specialNeeds,
});

/** The exclusions of every scope tried, narrowest first (each message names its scope). */
export const flatExclusions = (e: RequestRow['exclusions']): FilterExclusionView[] => SCOPES.flatMap((s) => e[s] ?? []);

export const LIVE_OFFER_STATUSES: OfferStatus[] = ['held', 'confirmed'];

/** The personal-data AAD: binds a ciphertext to its request row. */
export const personAad = (requestId: string) => `emergency_request:${requestId}:person`;
export const situationAad = (requestId: string) => `emergency_request:${requestId}:situation`;
/** A provider's decline note, bound to its (request, organisation) row. */
export const declineNoteAad = (requestId: string, organisationId: string) => `request_response:${requestId}:${organisationId}:note`;

/**
 * Records who may read the request and which of their units match, told now (`at`) by the app and
 * awaited until `answerBy`. A provider already told keeps its first notice time and answer time and
 * gets its unit list extended; `inserted` marks those told now.
 */
export async function upsertRecipients(
  tx: { query(sql: string, params?: unknown[]): Promise<any> },
  requestId: string,
  scope: MatchScope,
  recipients: { organisationId: string; units: { id: string }[]; contracted?: boolean }[],
  at: Date,
  answerBy: Date,
): Promise<{ organisationId: string; notifiedAt: Date; inserted: boolean }[]> {
  if (!recipients.length) return [];
  return tx.query(
    `INSERT INTO request_recipients(request_id, organisation_id, scope, unit_ids, contracted, notified_at, answer_by)
     SELECT $1, (x->>'o')::uuid, $2, ARRAY(SELECT jsonb_array_elements_text(x->'u'))::uuid[], (x->>'c')::boolean, $4, $5
     FROM jsonb_array_elements($3::jsonb) x
     ON CONFLICT (request_id, organisation_id) DO UPDATE
       SET unit_ids = ARRAY(SELECT DISTINCT u FROM unnest(request_recipients.unit_ids || EXCLUDED.unit_ids) u)
     RETURNING organisation_id AS "organisationId", notified_at AS "notifiedAt", (xmax = 0) AS inserted`,
    [requestId, scope, JSON.stringify(recipients.map((r) => ({ o: r.organisationId, u: r.units.map((u) => u.id), c: !!r.contracted }))), at, answerBy],
  );
}

/**
 * When the last awaited answer is due: the latest `answer_by` of providers told that have neither
 * declined nor ever offered and whose time has not passed at `now`; null when nobody is awaited.
 */
export async function awaitedUntil(tx: { query(sql: string, params?: unknown[]): Promise<any> }, requestId: string, now: Date): Promise<Date | null> {
  const [{ until }] = await tx.query(
    `SELECT max(r.answer_by) AS until FROM request_recipients r
     WHERE r.request_id = $1 AND r.answer_by > $2
       AND NOT EXISTS (SELECT 1 FROM request_responses d WHERE d.request_id = r.request_id AND d.organisation_id = r.organisation_id)
       AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.request_id = r.request_id AND o.organisation_id = r.organisation_id)`,
    [requestId, now],
  );
  return until;
}
