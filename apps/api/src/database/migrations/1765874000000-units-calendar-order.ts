import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The calendar's order within a municipality (issue 15): live units by name, then id. The calendar
 * reads each municipality of its area in this order and stops after the page (VacanciesRepository.
 * calendar), instead of reading and sorting every unit of the area: a 圏域 of 11,000 units sorted on
 * every request was most of the month calendar's time in the database.
 */
export class UnitsCalendarOrder1765874000000 implements MigrationInterface {
  name = 'UnitsCalendarOrder1765874000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX units_calendar_order_idx ON units (municipality_code, name, id) WHERE retired_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX units_calendar_order_idx`);
  }
}
