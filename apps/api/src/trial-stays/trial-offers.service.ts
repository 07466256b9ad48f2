import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, type NightRange, type Page, type RoomGender, type TrialCalendarView, type TrialOfferView, type TrialSearchHit, type VisitSlotView } from '@akiwa/contracts';
import { addDays, daysBetween, holidaysBetween, mergeRanges, nextMonth, trialDays } from '@akiwa/domain';
import type { AuthUser } from '../common/auth/auth-user';
import { assertOwnOrganisation } from '../common/auth/organisation-scope';
import { AppException } from '../common/errors/app.exception';
import { pgError } from '../common/errors/pg-error';
import { returning } from '../database/sql';
import { Clock } from '../common/time/clock';
import { ServiceNights } from '../areas/service-nights.service';
import { AreaDirectory } from '../areas/area-directory.service';
import { areaProblem } from '../vacancies/vacancy-search.service';
import type { CalendarQuery, TrialSearchDto, UpdateTrialOfferDto } from './trial-stay.dto';
import { TRIAL_UNIT } from './trial-stay.errors';

/** Openings can be declared this far ahead. */
const MAX_OPEN_DAYS_AHEAD = 400;

export interface TrialUnitRef {
  id: string;
  name: string;
  organisationId: string;
  municipalityCode: string;
  roomGender: RoomGender;
  trialOk: boolean;
}

const SLOT_COLUMNS = `id, unit_id AS "unitId", starts_at AS "startsAt", stay_id AS "stayId"`;
const toSlot = (r: Omit<VisitSlotView, 'startsAt'> & { startsAt: Date }): VisitSlotView => ({ ...r, startsAt: r.startsAt.toISOString() });

/** What a group home offers (openings, house rules, 持ち物, 見学 slots), its calendar, and the search. */
@Injectable()
export class TrialOffersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly areas: AreaDirectory,
    private readonly clock: Clock,
    private readonly serviceNights: ServiceNights,
  ) {}

  /** An active group-home room (404 otherwise). */
  async trialUnit(unitId: string, requireTrialOk = true): Promise<TrialUnitRef> {
    const [u] = await this.db.query(
      `SELECT id, name, organisation_id AS "organisationId", municipality_code AS "municipalityCode", room_gender AS "roomGender", trial_ok AS "trialOk"
       FROM units WHERE id = $1 AND retired_at IS NULL AND service_type LIKE 'group_home_%'`,
      [unitId],
    );
    if (!u) throw AppException.notFound(TRIAL_UNIT);
    if (requireTrialOk && !u.trialOk) {
      throw new AppException(ErrorCode.Conflict, { ja: 'この居室は体験利用を受け付けていません', en: 'This room does not take trial stays' }, [
        { field: 'unitId', code: 'trial_not_ok', message: { ja: '「unitId」の居室は体験利用可になっていません', en: 'unitId is not open for trial stays' } },
      ]);
    }
    return u;
  }

  async getOffer(unitId: string): Promise<TrialOfferView> {
    const unit = await this.trialUnit(unitId, false);
    const today = await this.serviceNights.tonight(unit.municipalityCode);
    const [row] = await this.db.query(
      `SELECT u.id AS "unitId", u.name AS "unitName", u.organisation_id AS "organisationId", o.name AS "organisationName", u.municipality_code AS "municipalityCode",
              coalesce(t.house_rules, '') AS "houseRules", coalesce(t.what_to_bring, '') AS "whatToBring"
       FROM units u JOIN organisations o ON o.id = u.organisation_id LEFT JOIN trial_offers t ON t.unit_id = u.id WHERE u.id = $1`,
      [unitId],
    );
    const openings: NightRange[] = await this.db.query(
      `SELECT greatest(lower(nights), $2::date)::text AS "from", upper(nights)::text AS "to" FROM trial_openings WHERE unit_id = $1 AND upper(nights) > $2::date ORDER BY lower(nights)`,
      [unitId, today],
    );
    const slots = await this.db.query(`SELECT ${SLOT_COLUMNS} FROM trial_visit_slots WHERE unit_id = $1 AND starts_at > $2 ORDER BY starts_at`, [unitId, this.clock.now()]);
    return { ...row, openings, visitSlots: slots.map(toSlot) };
  }

  /** Replaces house rules, 持ち物 and every opening from today on (past nights stay as they were). */
  async updateOffer(auth: AuthUser, unitId: string, dto: UpdateTrialOfferDto): Promise<TrialOfferView> {
    const unit = await this.trialUnit(unitId, false);
    assertOwnOrganisation(auth, unit.organisationId);
    const today = await this.serviceNights.tonight(unit.municipalityCode);
    dto.openings.forEach((r, i) => checkOpening(r, i, today));
    const openings = mergeRanges(dto.openings);
    if (openings.length && !unit.trialOk) await this.trialUnit(unitId); // throws: not open for trial stays
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO trial_offers(unit_id, house_rules, what_to_bring, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (unit_id) DO UPDATE SET house_rules = EXCLUDED.house_rules, what_to_bring = EXCLUDED.what_to_bring, updated_at = now(), updated_by = EXCLUDED.updated_by`,
        [unitId, dto.houseRules, dto.whatToBring, auth.userId],
      );
      await tx.query(`DELETE FROM trial_openings WHERE unit_id = $1 AND lower(nights) >= $2::date`, [unitId, today]);
      await tx.query(`UPDATE trial_openings SET nights = daterange(lower(nights), $2::date) WHERE unit_id = $1 AND upper(nights) > $2::date`, [unitId, today]);
      if (openings.length) {
        await tx.query(
          `INSERT INTO trial_openings(unit_id, nights) SELECT $1, daterange(f, t) FROM unnest($2::date[], $3::date[]) AS r(f, t)`,
          [unitId, openings.map((o) => o.from), openings.map((o) => o.to)],
        );
      }
    });
    return this.getOffer(unitId);
  }

  async addVisitSlot(auth: AuthUser, unitId: string, startsAt: string): Promise<VisitSlotView> {
    const unit = await this.trialUnit(unitId);
    assertOwnOrganisation(auth, unit.organisationId);
    const at = new Date(startsAt);
    if (at.getTime() <= this.clock.now().getTime()) {
      throw AppException.invalidField('startsAt', 'past', { ja: '「startsAt」に過去の日時は指定できません', en: 'startsAt must be in the future' });
    }
    await this.db.query(`INSERT INTO trial_offers(unit_id, updated_by) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [unitId, auth.userId]);
    const [row] = await this.db
      .query(`INSERT INTO trial_visit_slots(unit_id, starts_at) VALUES ($1, $2) RETURNING ${SLOT_COLUMNS}`, [unitId, at])
      .catch((e) => {
        if (pgError(e)?.code === '23505') {
          throw new AppException(ErrorCode.Conflict, { ja: '同じ日時の見学枠がすでにあります', en: 'A visit slot at this time already exists' }, [
            { field: 'startsAt', code: 'taken', message: { ja: '「startsAt」の見学枠はすでにあります', en: 'startsAt already has a slot' } },
          ]);
        }
        throw e;
      });
    return toSlot(row);
  }

  async removeVisitSlot(auth: AuthUser, slotId: string): Promise<void> {
    const [slot] = await this.db.query(`SELECT s.stay_id AS "stayId", u.organisation_id AS "organisationId" FROM trial_visit_slots s JOIN units u ON u.id = s.unit_id WHERE s.id = $1`, [slotId]);
    if (!slot) throw AppException.notFound({ ja: '見学枠', en: 'Visit slot' });
    assertOwnOrganisation(auth, slot.organisationId);
    const rows = await returning(this.db, `DELETE FROM trial_visit_slots WHERE id = $1 AND stay_id IS NULL RETURNING id`, [slotId]);
    if (!rows.length) throw new AppException(ErrorCode.Conflict, { ja: 'この見学枠は予約済みのため削除できません', en: 'This visit slot is booked' });
  }

  /** A month per room, for one room or every trial room of a home. No personal data: any role may read it. */
  async calendar(q: CalendarQuery): Promise<TrialCalendarView> {
    if (!q.unitId === !q.organisationId) {
      throw AppException.invalidField('unitId', 'exactly_one', { ja: '「unitId」か「organisationId」のどちらか一方を指定してください', en: 'Give exactly one of unitId, organisationId' });
    }
    const from = `${q.month}-01`;
    const to = nextMonth(q.month);
    const units: { id: string; name: string }[] = await this.db.query(
      `SELECT id, name FROM units WHERE retired_at IS NULL AND service_type LIKE 'group_home_%' AND trial_ok
         AND ($1::uuid IS NULL OR id = $1) AND ($2::uuid IS NULL OR organisation_id = $2) ORDER BY name, id`,
      [q.unitId ?? null, q.organisationId ?? null],
    );
    if (q.unitId && !units.length) throw AppException.notFound(TRIAL_UNIT);
    const ids = units.map((u) => u.id);
    const openings: { unitId: string; from: string; to: string }[] = await this.db.query(
      `SELECT unit_id AS "unitId", lower(nights)::text AS "from", upper(nights)::text AS "to" FROM trial_openings WHERE unit_id = ANY($1) AND nights && daterange($2::date, $3::date)`,
      [ids, from, to],
    );
    const stays: { unitId: string; from: string; to: string; status: 'requested' | 'approved' }[] = await this.db.query(
      `SELECT unit_id AS "unitId", lower(nights)::text AS "from", upper(nights)::text AS "to", status FROM trial_stays
       WHERE unit_id = ANY($1) AND status IN ('requested','approved') AND nights && daterange($2::date, $3::date)`,
      [ids, from, to],
    );
    // nights a booking would find no bed on: the unit's board has figures for them, none available
    const noBed: { unitId: string; night: string }[] = await this.db.query(
      `SELECT unit_id AS "unitId", night::text AS night FROM vacancies WHERE unit_id = ANY($1) AND night >= $2::date AND night < $3::date
       GROUP BY unit_id, night HAVING sum(free - held) < 1`,
      [ids, from, to],
    );
    return {
      month: q.month,
      holidays: holidaysBetween(from, addDays(to, -1)),
      units: units.map((u) => ({
        unitId: u.id,
        unitName: u.name,
        days: trialDays(q.month, openings.filter((o) => o.unitId === u.id), stays.filter((s) => s.unitId === u.id), new Set(noBed.filter((n) => n.unitId === u.id).map((n) => n.night))),
      })),
    };
  }

  /**
   * Group-home rooms open for trial stays and free on every night of [from, to), nearest first. The
   * openings are merged, so "open for the whole range" is one containment test on one row; "free"
   * is the absence of a live stay, answered by the exclusion constraint's GiST index, and an
   * available bed on every night the board has figures for (the booking takes one).
   */
  async search(q: TrialSearchDto): Promise<Page<TrialSearchHit>> {
    const problem = await this.areas.check(q);
    if (problem) throw areaProblem(problem.field, problem.code);
    const span = daysBetween(q.from, q.to);
    if (span < 1 || span > 366) {
      throw AppException.invalidField('to', span < 1 ? 'before_from' : 'too_many_nights', { ja: '「to」は「from」より後で、366泊以内にしてください', en: 'to must be after from and within 366 nights' });
    }
    const { codes, distances } = await this.areas.scope(q);
    const rows: (Omit<TrialSearchHit, 'visitSlots'> & { total: string })[] = await this.db.query(
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
      [codes, distances, q.from, q.to, q.category ?? null, q.supportLevel ?? null, q.needs ?? [], q.gender ?? null, q.limit, q.offset],
    );
    const slots: VisitSlotView[] = rows.length
      ? (await this.db.query(`SELECT ${SLOT_COLUMNS} FROM trial_visit_slots WHERE unit_id = ANY($1) AND stay_id IS NULL AND starts_at > $2 ORDER BY starts_at`, [rows.map((r) => r.unitId), this.clock.now()])).map(toSlot)
      : [];
    return {
      items: rows.map(({ total: _, ...r }) => ({ ...r, visitSlots: slots.filter((s) => s.unitId === r.unitId) })),
      total: rows.length ? Number(rows[0].total) : 0,
      limit: q.limit,
      offset: q.offset,
    };
  }
}

function checkOpening(r: NightRange, i: number, today: string) {
  const field = `openings.${i}`;
  if (daysBetween(r.from, r.to) < 1) {
    throw AppException.invalidField(`${field}.to`, 'before_from', { ja: `「${field}.to」は「${field}.from」より後の日付にしてください`, en: `${field}.to must be after ${field}.from` });
  }
  if (daysBetween(today, r.to) < 1) {
    throw AppException.invalidField(`${field}.to`, 'past_night', { ja: `「${field}」に過去の期間は指定できません`, en: `${field} must not be in the past` });
  }
  if (daysBetween(today, r.to) > MAX_OPEN_DAYS_AHEAD) {
    throw AppException.invalidField(`${field}.to`, 'too_far_ahead', { ja: `「${field}.to」は${MAX_OPEN_DAYS_AHEAD}日先までにしてください`, en: `${field}.to must be within ${MAX_OPEN_DAYS_AHEAD} days` });
  }
  // a range that began in the past is clipped to today
  if (r.from < today) r.from = today;
}
