import type { CalendarCell, ServiceType, VacancyCalendarRow } from '@akiwa/contracts';

export const HAVE_NS = 'urn:oasis:names:tc:emergency:edxl:have:2.0';
export const BED_TYPE_LIST = 'urn:akiwa:edxl-have:bed-type';
const FACILITY_TYPE_LIST = 'urn:akiwa:edxl-have:facility-type';

/**
 * Akiwa's service types as HAVE bed types (HAVE's bed types are hospital ones — ICU, burn, psychiatric
 * — none of which a welfare bed is, so they go out under Akiwa's own value list). The three kinds of
 * 短期入所 are one bed type to a reader outside welfare: a short-stay (respite) bed tonight; the group
 * home's three kinds likewise; 施設入所支援 is a long-term residential bed. docs/feeds.md has the table.
 */
export const BED_TYPE_OF: Readonly<Record<ServiceType, { value: string; serviceName: string }>> = Object.freeze({
  short_stay_attached: { value: 'shortStayRespite', serviceName: '短期入所' },
  short_stay_vacant_bed: { value: 'shortStayRespite', serviceName: '短期入所' },
  short_stay_standalone: { value: 'shortStayRespite', serviceName: '短期入所' },
  group_home_care: { value: 'groupHome', serviceName: '共同生活援助（グループホーム）' },
  group_home_daytime: { value: 'groupHome', serviceName: '共同生活援助（グループホーム）' },
  group_home_external: { value: 'groupHome', serviceName: '共同生活援助（グループホーム）' },
  residential: { value: 'residentialCare', serviceName: '施設入所支援' },
});

interface BedTypeCapacity {
  serviceName: string;
  available: number;
  baseline: number;
  /** Units whose tonight is known (○/△/×); a paused unit counts as known, with nothing available. */
  known: number;
}

/** One provider's current capacity: per bed type, tonight's beds (the calendar's cells), and how many of its units are paused. */
export interface FacilityCapacity {
  id: string;
  name: string;
  units: number;
  paused: number;
  byBedType: Map<string, BedTypeCapacity>;
}

/** Adds one unit's tonight (its calendar row over one night) to its provider's capacity. */
export function addUnitTonight(facilities: Map<string, FacilityCapacity>, row: Pick<VacancyCalendarRow, 'unit' | 'cells'>): void {
  const { unit } = row;
  const cell: CalendarCell | undefined = row.cells[0];
  const f = facilities.get(unit.organisationId) ?? { id: unit.organisationId, name: unit.organisationName, units: 0, paused: 0, byBedType: new Map() };
  facilities.set(unit.organisationId, f);
  const type = BED_TYPE_OF[unit.serviceType];
  const c = f.byBedType.get(type.value) ?? { serviceName: type.serviceName, available: 0, baseline: 0, known: 0 };
  f.byBedType.set(type.value, c);
  f.units++;
  c.baseline += unit.capacity;
  if (!cell || cell.mark === 'unknown') return;
  c.known++;
  if (cell.mark === 'paused') f.paused++;
  // beds count as available only where the calendar shows them free (○/△): a paused unit's free beds do not
  else if (cell.mark === 'free' || cell.mark === 'few') c.available += cell.available;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Text as XML character data: escaped, and without the control characters XML 1.0 forbids. */
export function xmlText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]);
}

/** 停 on every unit: closed; on some: compromised; otherwise normal (unknown when nothing is known). */
function facilityStatus(f: FacilityCapacity): string {
  if (f.paused > 0 && f.paused === f.units) return 'closed';
  if (f.paused > 0) return 'compromised';
  return [...f.byBedType.values()].some((c) => c.known > 0) ? 'normal' : 'unknown';
}

/** One `facility` element of the HAVE document. */
export function facilityXml(f: FacilityCapacity, at: Date): string {
  const items = [...f.byBedType.entries()].map(([bedType, c]) => {
    const status = c.available > 0 ? 'vacantAvailable' : c.known > 0 ? 'notAvailable' : 'unknown';
    return `<serviceListItem><serviceName>${xmlText(c.serviceName)}</serviceName><serviceBedCapacity><bedType><valueListURI>${BED_TYPE_LIST}</valueListURI><value>${bedType}</value></bedType><capacity><capacityStatus>${status}</capacityStatus><availableCount>${c.available}</availableCount><baselineCount>${c.baseline}</baselineCount></capacity></serviceBedCapacity></serviceListItem>`;
  });
  return (
    `<facility><facilityInformation><facilityID>${xmlText(f.id)}</facilityID><facilityName>${xmlText(f.name)}</facilityName>` +
    `<facilityType><valueListURI>${FACILITY_TYPE_LIST}</valueListURI><value>disabilityWelfareProvider</value></facilityType></facilityInformation>` +
    `<facilityStatus>${facilityStatus(f)}</facilityStatus><serviceList>${items.join('')}</serviceList><lastUpdateTime>${at.toISOString()}</lastUpdateTime></facility>`
  );
}

export const haveOpen = () => `<?xml version="1.0" encoding="UTF-8"?>\n<HAVE xmlns="${HAVE_NS}">`;
export const haveClose = () => '</HAVE>\n';
