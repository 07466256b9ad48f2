import type { TrialStayNotice, TrialStayView } from '@akiwa/contracts';
import { trialAad, type TrialPersonalData } from './trial-personal-data';

/** Columns of TrialStayView's row; dates as text (node-pg would shift a date across time zones). */
export const STAY_FROM = `
  FROM trial_stays s
  JOIN units u ON u.id = s.unit_id
  JOIN organisations po ON po.id = s.provider_organisation_id
  JOIN organisations co ON co.id = s.coordinator_organisation_id
  JOIN persons p ON p.id = s.person_id
  LEFT JOIN trial_visit_slots vs ON vs.stay_id = s.id`;

export const STAY_COLUMNS = `
  s.id, s.status, s.unit_id AS "unitId", u.name AS "unitName",
  s.provider_organisation_id AS "providerOrganisationId", po.name AS "providerOrganisationName",
  s.coordinator_organisation_id AS "coordinatorOrganisationId", co.name AS "coordinatorOrganisationName",
  u.municipality_code AS "municipalityCode",
  p.id AS "personId", p.display_name_encrypted AS "personNameEncrypted", p.age_band AS "ageBand", p.gender,
  lower(s.nights)::text AS "from", upper(s.nights)::text AS "to", (upper(s.nights) - lower(s.nights)) AS nights,
  s.note_encrypted AS "noteEncrypted", s.reason_encrypted AS "reasonEncrypted",
  s.cancelled_by_side AS "cancelledBy", vs.starts_at AS "visitAt", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

/** A stay as read: the personal fields still sealed. */
export interface StayRow extends Omit<TrialStayView, 'person' | 'note' | 'reason' | 'visitAt' | 'createdAt' | 'updatedAt'> {
  personId: string;
  personNameEncrypted: Buffer;
  ageBand: TrialStayView['person']['ageBand'];
  gender: TrialStayView['person']['gender'];
  noteEncrypted: Buffer;
  reasonEncrypted: Buffer | null;
  visitAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The stay without anything identifying: nothing is decrypted. */
export function toStayNotice(r: StayRow): TrialStayNotice {
  const { personId, personNameEncrypted: _ne, ageBand, gender, noteEncrypted: _oe, reasonEncrypted: _re, visitAt, createdAt, updatedAt, ...rest } = r;
  return {
    ...rest,
    person: { id: personId, ageBand, gender },
    visitAt: visitAt ? visitAt.toISOString() : null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** The full stay for a party to it; the caller audits the read (TrialPersonalData.logRead). */
export function toStayView(r: StayRow, pd: TrialPersonalData): TrialStayView {
  const { person, ...notice } = toStayNotice(r);
  return {
    ...notice,
    person: { ...person, displayName: pd.open(r.personNameEncrypted, trialAad.personName(r.personId)) },
    note: pd.open(r.noteEncrypted, trialAad.stayNote(r.id)),
    reason: r.reasonEncrypted ? pd.open(r.reasonEncrypted, trialAad.stayReason(r.id)) : null,
  };
}
