import type { TrialStayView } from '@akiwa/contracts';

/** Columns of TrialStayView's row; dates as text (node-pg would shift a date across time zones). */
export const STAY_FROM = `
  FROM trial_stays s
  JOIN units u ON u.id = s.unit_id
  JOIN organisations po ON po.id = s.provider_organisation_id
  JOIN organisations co ON co.id = s.coordinator_organisation_id
  JOIN trial_persons p ON p.id = s.person_id
  LEFT JOIN trial_visit_slots vs ON vs.stay_id = s.id`;

export const STAY_COLUMNS = `
  s.id, s.status, s.unit_id AS "unitId", u.name AS "unitName",
  s.provider_organisation_id AS "providerOrganisationId", po.name AS "providerOrganisationName",
  s.coordinator_organisation_id AS "coordinatorOrganisationId", co.name AS "coordinatorOrganisationName",
  u.municipality_code AS "municipalityCode",
  p.id AS "personId", p.display_name AS "personName", p.age_band AS "ageBand", p.gender,
  lower(s.nights)::text AS "from", upper(s.nights)::text AS "to", (upper(s.nights) - lower(s.nights)) AS nights,
  s.note, s.reason, s.cancelled_by_side AS "cancelledBy", vs.starts_at AS "visitAt", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

export interface StayRow extends Omit<TrialStayView, 'person' | 'visitAt' | 'createdAt' | 'updatedAt'> {
  personId: string;
  personName: string;
  ageBand: TrialStayView['person']['ageBand'];
  gender: TrialStayView['person']['gender'];
  visitAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toStayView(r: StayRow): TrialStayView {
  const { personId, personName, ageBand, gender, visitAt, createdAt, updatedAt, ...rest } = r;
  return {
    ...rest,
    person: { id: personId, displayName: personName, ageBand, gender },
    visitAt: visitAt ? visitAt.toISOString() : null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}
