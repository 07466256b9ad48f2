import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { VacancyNight } from '@akiwa/contracts';
import type { DateRange } from '@akiwa/domain';

/**
 * The SQL of booking a trial stay, inside the booking transaction. Lock order, the same for every
 * writer of a unit: the unit row first (vacancy writers bump its version, bookings lock it here),
 * then the person, then the unit's vacancy rows (taken by the trial_stays_bed_nights trigger) in
 * night order. Holding the room's lock before inserting means two overlapping bookings never both
 * reach the exclusion constraint (two such inserts wait on each other and deadlock): the second
 * waits for the first to commit, then sees its nights as taken and is refused at once.
 */
@Injectable()
export class TrialBookingRepository {
  /** Serialises every booking (and vacancy write) of one room until the transaction ends. */
  async lockRoom(tx: EntityManager, unitId: string): Promise<void> {
    await tx.query(`SELECT 1 FROM units WHERE id = $1 FOR NO KEY UPDATE`, [unitId]);
  }

  /** Serialises every booking of one person: the nights counted after it cannot change under us. */
  async lockPerson(tx: EntityManager, personId: string): Promise<void> {
    await tx.query(`SELECT 1 FROM persons WHERE id = $1 FOR UPDATE`, [personId]);
  }

  /** The nights of [from, to) that a live stay of the room already holds, in order. */
  async takenNights(tx: DataSource | EntityManager, unitId: string, from: string, to: string): Promise<string[]> {
    const rows: { night: string }[] = await tx.query(
      `SELECT d::date::text AS night
       FROM trial_stays s, generate_series(greatest(lower(s.nights), $2::date), least(upper(s.nights), $3::date) - 1, interval '1 day') AS d
       WHERE s.unit_id = $1 AND s.status IN ('requested','approved') AND s.nights && daterange($2::date, $3::date)
       ORDER BY 1`,
      [unitId, from, to],
    );
    return rows.map((r) => r.night);
  }

  /** The person's live stays (any home) that overlap `window`: the ones that can join a run of consecutive nights. */
  async personStaysAround(tx: EntityManager, personId: string, window: DateRange): Promise<DateRange[]> {
    return tx.query(
      `SELECT lower(nights)::text AS "from", upper(nights)::text AS "to" FROM trial_stays
       WHERE person_id = $1 AND status IN ('requested','approved') AND nights && daterange($2::date, $3::date)
       ORDER BY lower(nights)`,
      [personId, window.from, window.to],
    );
  }

  /** Whether the room is open for trial stays on every night of [from, to). */
  async isOpen(tx: EntityManager, unitId: string, from: string, to: string): Promise<boolean> {
    const [open] = await tx.query(`SELECT 1 FROM trial_openings WHERE unit_id = $1 AND nights @> daterange($2::date, $3::date)`, [unitId, from, to]);
    return Boolean(open);
  }

  /** The unit (for its boards) and its vacancy rows on [from, to), as a vacancy event carries them. */
  async unitNights(db: DataSource | EntityManager, unitId: string, from: string, to: string) {
    const [unit]: { id: string; organisationId: string; municipalityCode: string; vacancyVersion: number }[] = await db.query(
      `SELECT id, organisation_id AS "organisationId", municipality_code AS "municipalityCode", vacancy_version AS "vacancyVersion" FROM units WHERE id = $1`,
      [unitId],
    );
    const rows: (Omit<VacancyNight, 'confirmedAt'> & { confirmedAt: Date })[] = await db.query(
      `SELECT night::text AS night, gender, free, held, confirmed_at AS "confirmedAt" FROM vacancies
       WHERE unit_id = $1 AND night >= $2::date AND night < $3::date ORDER BY night, gender`,
      [unitId, from, to],
    );
    return { unit, nights: rows.map((r): VacancyNight => ({ ...r, confirmedAt: r.confirmedAt.toISOString() })) };
  }
}
