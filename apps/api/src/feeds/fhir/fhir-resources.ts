import type { Bundle, BundleEntry, CodeableConcept, Coding, HealthcareService, HealthcareServiceEligibility, Location, Organization, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import { CATEGORY_LABELS, NEED_LABELS, ROOM_GENDER_LABELS, SERVICE_TYPE_LABELS, type CalendarCell, type CalendarMark, type UnitView } from '@akiwa/contracts';
import { serviceNightSpan } from '@akiwa/domain';

/**
 * FHIR R4 resources of the open feeds, built from Akiwa's own rows (typed by @medplum/fhirtypes).
 * Akiwa's codes go out under its own code systems (URNs, since Akiwa has no published terminology
 * server); bed status uses HL7 v2 table 0116, as FHIR's Location.operationalStatus binding does.
 */
export const AKIWA_SYSTEMS = {
  serviceType: 'urn:akiwa:fhir:CodeSystem:service-type',
  eligibility: 'urn:akiwa:fhir:CodeSystem:eligibility',
  officeNumber: 'urn:akiwa:fhir:NamingSystem:jigyosho-bango',
} as const;
const BED_STATUS = 'http://terminology.hl7.org/CodeSystem/v2-0116';
const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';

/** A provider as the feeds show it: its name, and its profile's contacts only if it made the profile public. */
export interface FeedProvider {
  id: string;
  name: string;
  contact: { officeNumber: string | null; phone: string; postalCode: string; address: string } | null;
}

export function organizationOf(p: FeedProvider): Organization {
  return {
    resourceType: 'Organization',
    id: p.id,
    active: true,
    type: [{ coding: [{ system: ORGANIZATION_TYPE, code: 'prov', display: 'Healthcare Provider' }], text: '障害福祉サービス事業所' }],
    name: p.name,
    ...(p.contact?.officeNumber ? { identifier: [{ system: AKIWA_SYSTEMS.officeNumber, value: p.contact.officeNumber }] } : {}),
    ...(p.contact?.phone ? { telecom: [{ system: 'phone', value: p.contact.phone, use: 'work' }] } : {}),
    ...(p.contact?.address ? { address: [{ use: 'work', type: 'physical', text: p.contact.address, country: 'JP', ...(p.contact.postalCode ? { postalCode: p.contact.postalCode } : {}) }] } : {}),
  };
}

/**
 * Tonight's bed status of a unit (HL7 v2-0116): C closed while admissions are paused, U unoccupied
 * when tonight has a free bed (○ or △), O occupied when full; unknown (no figure confirmed within the
 * unknown cutoff) has no status at all — unknown is never free.
 */
export function bedStatusOf(mark: CalendarMark): Coding | undefined {
  switch (mark) {
    case 'paused':
      return { system: BED_STATUS, code: 'C', display: 'Closed' };
    case 'free':
    case 'few':
      return { system: BED_STATUS, code: 'U', display: 'Unoccupied' };
    case 'full':
      return { system: BED_STATUS, code: 'O', display: 'Occupied' };
    case 'unknown':
      return undefined;
  }
}

const serviceTypeConcept = (unit: Pick<UnitView, 'serviceType'>): CodeableConcept => ({
  coding: [{ system: AKIWA_SYSTEMS.serviceType, code: unit.serviceType, display: SERVICE_TYPE_LABELS.ja[unit.serviceType] }],
  text: SERVICE_TYPE_LABELS.ja[unit.serviceType],
});

/** A unit as a place (its beds), with tonight's status. */
export function locationOf(
  unit: Pick<UnitView, 'id' | 'name' | 'serviceType' | 'organisationId' | 'organisationName' | 'admissionsPauseReason'>,
  tonight: CalendarCell | undefined,
): Location {
  const status = tonight ? bedStatusOf(tonight.mark) : undefined;
  return {
    resourceType: 'Location',
    id: unit.id,
    status: 'active',
    ...(status ? { operationalStatus: status } : {}),
    name: unit.name,
    mode: 'instance',
    type: [serviceTypeConcept(unit)],
    managingOrganization: { reference: `Organization/${unit.organisationId}`, display: unit.organisationName },
    ...(tonight?.mark === 'paused' ? { description: `受入停止中（${unit.admissionsPauseReason}）` } : {}),
  };
}

const eligibility = (code: string, display: string, comment?: string): HealthcareServiceEligibility => ({
  code: { coding: [{ system: AKIWA_SYSTEMS.eligibility, code, display }], text: display },
  ...(comment ? { comment } : {}),
});

/** Whom a unit accepts (its acceptance profile), one eligibility per condition. */
export function eligibilityOf(unit: Pick<UnitView, 'categories' | 'acceptsChildren' | 'supportLevelMin' | 'supportLevelMax' | 'specialNeeds' | 'roomGender'>): HealthcareServiceEligibility[] {
  return [
    ...unit.categories.map((c) => eligibility(`category:${c}`, `${CATEGORY_LABELS.ja[c]}障害`)),
    ...(unit.acceptsChildren ? [eligibility('children', '障害児（18歳未満）の受入')] : []),
    eligibility('support-level', '障害支援区分', `障害支援区分 ${unit.supportLevelMin}〜${unit.supportLevelMax}（0は非該当）`),
    ...unit.specialNeeds.map((n) => eligibility(`need:${n}`, NEED_LABELS.ja[n])),
    eligibility(`room-gender:${unit.roomGender}`, `居室の性別: ${ROOM_GENDER_LABELS.ja[unit.roomGender]}`),
  ];
}

export function healthcareServiceOf(unit: UnitView): HealthcareService {
  return {
    resourceType: 'HealthcareService',
    id: unit.id,
    active: true,
    providedBy: { reference: `Organization/${unit.organisationId}`, display: unit.organisationName },
    type: [serviceTypeConcept(unit)],
    location: [{ reference: `Location/${unit.id}` }],
    name: unit.name,
    eligibility: eligibilityOf(unit),
    characteristic: [
      ...(unit.emergencyOk ? [{ coding: [{ system: AKIWA_SYSTEMS.eligibility, code: 'emergency', display: '緊急受入可' }], text: '緊急受入可' }] : []),
      ...(unit.trialOk ? [{ coding: [{ system: AKIWA_SYSTEMS.eligibility, code: 'trial', display: '体験利用可' }], text: '体験利用可' }] : []),
      ...(unit.nightAdmission ? [{ coding: [{ system: AKIWA_SYSTEMS.eligibility, code: 'night-admission', display: '夜間受入可' }], text: '夜間受入可' }] : []),
    ],
  };
}

/** The unit-nights' schedule: one per unit, for its Location and HealthcareService. */
export function scheduleOf(unit: Pick<UnitView, 'id' | 'name'>): Schedule {
  return {
    resourceType: 'Schedule',
    id: unit.id,
    active: true,
    actor: [{ reference: `Location/${unit.id}`, display: unit.name }, { reference: `HealthcareService/${unit.id}` }],
  };
}

/**
 * A unit-night's slot status, from the calendar's mark (libs/domain `calendarCells`): ○ and △ are
 * free, × busy; 停 (admissions paused) and ? (nothing confirmed within the unknown cutoff) are
 * busy-unavailable — no consumer may read them as a bed to send someone to.
 */
export function slotStatusOf(mark: CalendarMark): Slot['status'] {
  return mark === 'free' || mark === 'few' ? 'free' : mark === 'full' ? 'busy' : 'busy-unavailable';
}

const SLOT_COMMENT: Record<CalendarMark, (available: number) => string> = {
  free: (n) => `空床 ${n}`,
  few: (n) => `空床 ${n}（残りわずか）`,
  full: () => '満床',
  unknown: () => '不明（空き状況が確認されていません）',
  paused: () => '受入停止中',
};

/** One unit-night: from the region's night cutoff on that date to the cutoff the next morning (Japan time). */
export function slotOf(unitId: string, cell: CalendarCell, cutoffMinutes: number): Slot {
  const { start, end } = serviceNightSpan(cell.night, cutoffMinutes);
  return {
    resourceType: 'Slot',
    id: `${unitId}-${cell.night.replaceAll('-', '')}`,
    schedule: { reference: `Schedule/${unitId}` },
    status: slotStatusOf(cell.mark),
    start,
    end,
    comment: SLOT_COMMENT[cell.mark](cell.available),
  };
}

/** A resource as an entry of a searchset bundle. */
export function bundleEntryOf(resource: Resource): BundleEntry<Resource> {
  return { fullUrl: `urn:akiwa:${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } };
}

/** Stands for the unit's id in a Slot entry serialised once for every unit (a v4 UUID no unit has). */
const ANY_UNIT = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
const ASCII_ID = /^[0-9A-Za-z-]+$/;

/**
 * A unit's Slot entries (`bundleEntryOf(slotOf(…))`, comma-separated) as UTF-8 bytes, for one feed
 * request. A prefecture's feed is ~60,000 Slots of which only the unit's id differs between units for
 * the same night, mark and count: each distinct cell is built by `slotOf`, serialised and encoded once
 * (with ANY_UNIT for the id, cut there), and a unit's entries are those bytes with its id copied in.
 * Measured on a 1,000-unit prefecture over 60 nights: JSON.stringify of 60,000 entries, then sizing and
 * encoding the ~22 MB of text (Buffer.byteLength over strings built from thousands of pieces) were most
 * of the feed's time in Node. The bytes are exactly JSON.stringify's (fhir-resources.spec.ts).
 */
export class SlotEntriesJson {
  private readonly parts = new Map<string, Buffer[]>();

  constructor(private readonly cutoffMinutes: number) {}

  bytesOf(unitId: string, cells: readonly CalendarCell[]): Buffer {
    // an id that is not plain ASCII (never a UUID) is serialised the plain way
    if (!ASCII_ID.test(unitId)) return Buffer.from(cells.map((cell) => JSON.stringify(bundleEntryOf(slotOf(unitId, cell, this.cutoffMinutes)))).join(','));
    const id = Buffer.from(unitId, 'latin1');
    const pieces = cells.map((cell) => this.partsOf(cell));
    let size = Math.max(0, cells.length - 1);
    for (const parts of pieces) for (let j = 0; j < parts.length; j++) size += parts[j].length + (j > 0 ? id.length : 0);
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) out[at++] = 0x2c; // ,
      const parts = pieces[i];
      at += parts[0].copy(out, at);
      for (let j = 1; j < parts.length; j++) {
        at += id.copy(out, at);
        at += parts[j].copy(out, at);
      }
    }
    return out;
  }

  private partsOf(cell: CalendarCell): Buffer[] {
    const key = `${cell.night}|${cell.mark}|${cell.available}|${cell.freshness}`;
    let parts = this.parts.get(key);
    if (!parts) {
      parts = JSON.stringify(bundleEntryOf(slotOf(ANY_UNIT, cell, this.cutoffMinutes)))
        .split(ANY_UNIT)
        .map((part) => Buffer.from(part));
      this.parts.set(key, parts);
    }
    return parts;
  }
}

/** The bundle around streamed entries: everything but `entry`, which the writer streams. */
export function searchsetHead(timestamp: Date): Omit<Bundle, 'entry'> {
  return { resourceType: 'Bundle', type: 'searchset', timestamp: timestamp.toISOString() };
}
