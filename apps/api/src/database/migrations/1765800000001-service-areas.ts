import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The municipalities a consultation centre serves (issue 8: coordinators post requests only for
 * them). An administrator sets them per centre; a city listed covers its wards. A centre with none
 * set serves the prefecture of its own municipality, the widest a request ever widens to.
 */
export class ServiceAreas1765800000001 implements MigrationInterface {
  name = 'ServiceAreas1765800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_service_areas (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        municipality_code varchar(5) NOT NULL REFERENCES municipalities(code),
        PRIMARY KEY (organisation_id, municipality_code)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisation_service_areas`);
  }
}
