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
