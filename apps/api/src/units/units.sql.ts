import type { UnitFields, UnitView } from '@akiwa/contracts';

/** Columns of UnitView, selected from `units u JOIN organisations o`. */
export const UNIT_VIEW_COLUMNS = `
  u.id, u.organisation_id AS "organisationId", o.name AS "organisationName", u.name, u.service_type AS "serviceType",
  u.municipality_code AS "municipalityCode", u.capacity, u.categories, u.accepts_children AS "acceptsChildren",
  u.support_level_min AS "supportLevelMin", u.support_level_max AS "supportLevelMax", u.special_needs AS "specialNeeds",
  u.room_gender AS "roomGender", u.emergency_ok AS "emergencyOk", u.trial_ok AS "trialOk", u.contact_24h AS "contact24h",
  u.note, u.admissions_paused_until AS "admissionsPausedUntil", u.admissions_pause_reason AS "admissionsPauseReason",
  u.night_admission AS "nightAdmission", u.version, u.retired_at AS "retiredAt", u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;

export type UnitRow = Omit<UnitView, 'admissionsPausedUntil' | 'retiredAt' | 'createdAt' | 'updatedAt'> & {
  admissionsPausedUntil: Date | null;
  retiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export const toUnitView = (r: UnitRow): UnitView => ({
  ...r,
  admissionsPausedUntil: r.admissionsPausedUntil ? r.admissionsPausedUntil.toISOString() : null,
  retiredAt: r.retiredAt ? r.retiredAt.toISOString() : null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** API field → column, for the fields a PATCH may change. */
export const UNIT_FIELD_COLUMNS: Record<keyof UnitFields, string> = {
  name: 'name',
  serviceType: 'service_type',
  municipalityCode: 'municipality_code',
  capacity: 'capacity',
  categories: 'categories',
  acceptsChildren: 'accepts_children',
  supportLevelMin: 'support_level_min',
  supportLevelMax: 'support_level_max',
  specialNeeds: 'special_needs',
  roomGender: 'room_gender',
  emergencyOk: 'emergency_ok',
  trialOk: 'trial_ok',
  contact24h: 'contact_24h',
  note: 'note',
};
