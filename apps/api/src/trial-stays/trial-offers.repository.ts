import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { NightRange, RoomGender, TrialOfferView, TrialSearchHit, VisitSlotView } from '@akiwa/contracts';
import { returning } from '../database/sql';

export interface TrialUnitRef {
  id: string;
  name: string;
  organisationId: string;
  municipalityCode: string;
  roomGender: RoomGender;
  trialOk: boolean;
}

export type SlotRow = Omit<VisitSlotView, 'startsAt'> & { startsAt: Date };

/** The offer's own fields, without its openings and slots. */
export type OfferRow = Omit<TrialOfferView, 'openings' | 'visitSlots'>;

export interface CalendarOpeningRow {
  unitId: string;
  from: string;
  to: string;
}

export interface CalendarStayRow extends CalendarOpeningRow {
  status: 'requested' | 'approved';
}

export interface NoBedRow {
  unitId: string;
  night: string;
}

export type SearchHitRow = Omit<TrialSearchHit, 'visitSlots'> & { total: string };

/** A checked search: the area's municipalities with their distances, the stay's nights and the person's needs. */
export interface TrialSearchParams {
  codes: string[];
  distances: number[];
  from: string;
  to: string;
  category: string | null;
  supportLevel: number | null;
  needs: string[];
  gender: string | null;
  limit: number;
  offset: number;
}

const SLOT_COLUMNS = `id, unit_id AS "unitId", starts_at AS "startsAt", stay_id AS "stayId"`;

/** The SQL of what a group home offers for trial stays: the offer, its openings, 見学 slots, calendar and search. */
@Injectable()
export class TrialOffersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** An active group-home room, whether or not it takes trial stays. */
  async trialUnit(unitId: string): Promise<TrialUnitRef | undefined> {
    const [u] = await this.db.query(
      `SELECT id, name, organisation_id AS "organisationId", municipality_code AS "municipalityCode", room_gender AS "roomGender", trial_ok AS "trialOk"
       FROM units WHERE id = $1 AND retired_at IS NULL AND service_type LIKE 'group_home_%'`,
      [unitId],
    );
    return u;
  }

  /** For a unit known to exist (its offer's fields empty when none was saved). */
  async offer(unitId: string): Promise<OfferRow> {
    const [row] = await this.db.query(
      `SELECT u.id AS "unitId", u.name AS "unitName", u.organisation_id AS "organisationId", o.name AS "organisationName", u.municipality_code AS "municipalityCode",
              coalesce(t.house_rules, '') AS "houseRules", coalesce(t.what_to_bring, '') AS "whatToBring"
       FROM units u JOIN organisations o ON o.id = u.organisation_id LEFT JOIN trial_offers t ON t.unit_id = u.id WHERE u.id = $1`,
      [unitId],
    );
    return row;
  }

  /** The openings that last past `today`, clipped to start no earlier. */
  async openingsFrom(unitId: string, today: string): Promise<NightRange[]> {
    return this.db.query(
      `SELECT greatest(lower(nights), $2::date)::text AS "from", upper(nights)::text AS "to" FROM trial_openings WHERE unit_id = $1 AND upper(nights) > $2::date ORDER BY lower(nights)`,
      [unitId, today],
    );
  }

  async slotsAfter(unitId: string, now: Date): Promise<SlotRow[]> {
    return this.db.query(`SELECT ${SLOT_COLUMNS} FROM trial_visit_slots WHERE unit_id = $1 AND starts_at > $2 ORDER BY starts_at`, [unitId, now]);
  }

  async saveOffer(tx: EntityManager, unitId: string, houseRules: string, whatToBring: string, by: string): Promise<void> {
    await tx.query(
      `INSERT INTO trial_offers(unit_id, house_rules, what_to_bring, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (unit_id) DO UPDATE SET house_rules = EXCLUDED.house_rules, what_to_bring = EXCLUDED.what_to_bring, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [unitId, houseRules, whatToBring, by],
    );
  }

  /** Replaces every opening from `today` on with `openings` (merged, none before today); past nights stay as they were. */
  async replaceOpeningsFrom(tx: EntityManager, unitId: string, today: string, openings: NightRange[]): Promise<void> {
    await tx.query(`DELETE FROM trial_openings WHERE unit_id = $1 AND lower(nights) >= $2::date`, [unitId, today]);
    await tx.query(`UPDATE trial_openings SET nights = daterange(lower(nights), $2::date) WHERE unit_id = $1 AND upper(nights) > $2::date`, [unitId, today]);
    if (openings.length) {
      await tx.query(
        `INSERT INTO trial_openings(unit_id, nights) SELECT $1, daterange(f, t) FROM unnest($2::date[], $3::date[]) AS r(f, t)`,
        [unitId, openings.map((o) => o.from), openings.map((o) => o.to)],
      );
    }
  }

  /** The room's (empty) offer, so that a slot can refer to it. */
  async ensureOffer(unitId: string, by: string): Promise<void> {
    await this.db.query(`INSERT INTO trial_offers(unit_id, updated_by) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [unitId, by]);
  }

  /** Fails with 23505 when the room already has a slot at that time. */
  async insertSlot(unitId: string, at: Date): Promise<SlotRow> {
    const [row] = await this.db.query(`INSERT INTO trial_visit_slots(unit_id, starts_at) VALUES ($1, $2) RETURNING ${SLOT_COLUMNS}`, [unitId, at]);
    return row;
  }

  async slotOwner(slotId: string): Promise<{ stayId: string | null; organisationId: string } | undefined> {
    const [slot] = await this.db.query(`SELECT s.stay_id AS "stayId", u.organisation_id AS "organisationId" FROM trial_visit_slots s JOIN units u ON u.id = s.unit_id WHERE s.id = $1`, [slotId]);
    return slot;
  }

  /** Deletes the slot unless a stay booked it; false when it was booked (or gone). */
  async deleteFreeSlot(slotId: string): Promise<boolean> {
    const rows = await returning(this.db, `DELETE FROM trial_visit_slots WHERE id = $1 AND stay_id IS NULL RETURNING id`, [slotId]);
    return rows.length > 0;
  }

  /** The trial rooms of one room or of one home, by name. */
  async calendarUnits(unitId: string | null, organisationId: string | null): Promise<{ id: string; name: string }[]> {
    return this.db.query(
      `SELECT id, name FROM units WHERE retired_at IS NULL AND service_type LIKE 'group_home_%' AND trial_ok
         AND ($1::uuid IS NULL OR id = $1) AND ($2::uuid IS NULL OR organisation_id = $2) ORDER BY name, id`,
      [unitId, organisationId],
    );
  }

  async openingsOverlapping(unitIds: string[], from: string, to: string): Promise<CalendarOpeningRow[]> {
    return this.db.query(
      `SELECT unit_id AS "unitId", lower(nights)::text AS "from", upper(nights)::text AS "to" FROM trial_openings WHERE unit_id = ANY($1) AND nights && daterange($2::date, $3::date)`,
      [unitIds, from, to],
    );
  }

  /** Live stays (requested or approved) overlapping [from, to). */
  async staysOverlapping(unitIds: string[], from: string, to: string): Promise<CalendarStayRow[]> {
    return this.db.query(
      `SELECT unit_id AS "unitId", lower(nights)::text AS "from", upper(nights)::text AS "to", status FROM trial_stays
       WHERE unit_id = ANY($1) AND status IN ('requested','approved') AND nights && daterange($2::date, $3::date)`,
      [unitIds, from, to],
    );
  }

  /** Nights a booking would find no bed on: the unit's board has figures for them, none available. */
  async noBedNights(unitIds: string[], from: string, to: string): Promise<NoBedRow[]> {
    return this.db.query(
      `SELECT unit_id AS "unitId", night::text AS night FROM vacancies WHERE unit_id = ANY($1) AND night >= $2::date AND night < $3::date
       GROUP BY unit_id, night HAVING sum(free - held) < 1`,
      [unitIds, from, to],
    );
  }

  /**
   * Group-home rooms open for trial stays and free on every night of [from, to), nearest first. The
   * openings are merged, so "open for the whole range" is one containment test on one row; "free"
   * is the absence of a live stay, answered by the exclusion constraint's GiST index, and an
   * available bed on every night the board has figures for (the booking takes one).
   */
  async search(p: TrialSearchParams): Promise<SearchHitRow[]> {
    return this.db.query(
      `SELECT u.id AS "unitId", u.name AS "unitName", u.service_type AS "serviceType", u.organisation_id AS "organisationId", o.name AS "organisationName",
              u.municipality_code AS "municipalityCode", u.room_gender AS "roomGender", u.categories, u.support_level_min AS "supportLevelMin",
              u.support_level_max AS "supportLevelMax", u.special_needs AS "specialNeeds", t.house_rules AS "houseRules", t.what_to_bring AS "whatToBring",
              a.distance, count(*) OVER () AS total
       FROM unnest($1::text[], $2::int[]) AS a(code, distance)
       JOIN units u ON u.municipality_code = a.code
       JOIN organisations o ON o.id = u.organisation_id
       JOIN trial_offers t ON t.unit_id = u.id
       WHERE u.retired_at IS NULL AND u.trial_ok AND u.service_type LIKE 'group_home_%'
         AND ($5::text IS NULL OR $5 = ANY(u.categories))
         AND ($6::int IS NULL OR $6 BETWEEN u.support_level_min AND u.support_level_max)
         AND u.special_needs @> $7::text[]
         AND ($8::text IS NULL OR u.room_gender IN ('either', $8))
         AND EXISTS (SELECT 1 FROM trial_openings op WHERE op.unit_id = u.id AND op.nights @> daterange($3::date, $4::date))
         AND NOT EXISTS (SELECT 1 FROM trial_stays s WHERE s.unit_id = u.id AND s.status IN ('requested','approved') AND s.nights && daterange($3::date, $4::date))
         -- a night the board has figures for needs an available bed (trial stays share them with emergencies)
         AND NOT EXISTS (SELECT 1 FROM vacancies v WHERE v.unit_id = u.id AND v.night >= $3::date AND v.night < $4::date GROUP BY v.night
                         HAVING coalesce(sum(v.free - v.held) FILTER (WHERE $8::text IS NULL OR v.gender IN ('any', $8)), 0) < 1)
       ORDER BY a.distance, o.name, u.name, u.id
       LIMIT $9 OFFSET $10`,
      [p.codes, p.distances, p.from, p.to, p.category, p.supportLevel, p.needs, p.gender, p.limit, p.offset],
    );
  }

  /** The rooms' unbooked slots after `now`. */
  async freeSlotsAfter(unitIds: string[], now: Date): Promise<SlotRow[]> {
    return this.db.query(`SELECT ${SLOT_COLUMNS} FROM trial_visit_slots WHERE unit_id = ANY($1) AND stay_id IS NULL AND starts_at > $2 ORDER BY starts_at`, [unitIds, now]);
  }
}
