import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RotaShift } from '@akiwa/contracts';

const SHIFTS = Object.values(RotaShift)
  .map((s) => `'${s}'`)
  .join(',');

/**
 * The on-call rota (当番表) of a consultation centre or of a region: the on-call phone, the hand-over
 * times (Japan time), a weekly pattern (weekday 7 = public holidays) and dated exceptions.
 */
export class OncallRota1765500000001 implements MigrationInterface {
  name = 'OncallRota1765500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oncall_rotas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid UNIQUE REFERENCES organisations(id),
        region_id varchar(40) UNIQUE REFERENCES regions(id),
        phone text NOT NULL DEFAULT '',
        day_starts char(5) NOT NULL DEFAULT '09:00' CHECK (day_starts ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        night_starts char(5) NOT NULL DEFAULT '17:30' CHECK (night_starts ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((organisation_id IS NULL) <> (region_id IS NULL)),
        CHECK (day_starts < night_starts)
      );
      CREATE TABLE oncall_pattern (
        rota_id uuid NOT NULL REFERENCES oncall_rotas(id) ON DELETE CASCADE,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 0 AND 7),
        shift varchar(5) NOT NULL CHECK (shift IN (${SHIFTS})),
        user_id uuid NOT NULL REFERENCES users(id),
        PRIMARY KEY (rota_id, weekday, shift)
      );
      CREATE TABLE oncall_exceptions (
        rota_id uuid NOT NULL REFERENCES oncall_rotas(id) ON DELETE CASCADE,
        date date NOT NULL,
        shift varchar(5) NOT NULL CHECK (shift IN (${SHIFTS})),
        user_id uuid NOT NULL REFERENCES users(id),
        PRIMARY KEY (rota_id, date, shift)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE oncall_exceptions, oncall_pattern, oncall_rotas`);
  }
}
