import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 年次検証 (annual verification): what the report needs besides the operational tables.
 *  - regions.reports_shared: the 圏域 has agreed that its municipalities' officers read each other's
 *    figures (off by default: an officer reads only their own municipality);
 *  - municipality_base_facts: the seed 000 status table's editable facts (整備類型, coordinator
 *    staffing, shelter), per municipality and fiscal year;
 *  - annual_report_texts: the officer's own sections (実績・課題・今後の方向性) per chapter (the five
 *    functions of the national guideline) and fiscal year, versioned against concurrent edits;
 *  - an index so a year's requests of an area are read by range, not by scanning every request.
 * Enum values are those of @akiwa/contracts (ReportChapter, ReportSection, BaseType), frozen here.
 */
export class Reports1765700000000 implements MigrationInterface {
  name = 'Reports1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE regions
        ADD COLUMN reports_shared boolean NOT NULL DEFAULT false,
        ADD COLUMN reports_shared_updated_at timestamptz,
        ADD COLUMN reports_shared_updated_by uuid REFERENCES users(id);

      CREATE TABLE municipality_base_facts (
        municipality_code varchar(5) NOT NULL REFERENCES municipalities(code),
        fiscal_year int NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
        base_type varchar(16) CHECK (base_type IN ('multifunctional','area_network','combined')),
        coordinator_staffing text NOT NULL DEFAULT '' CHECK (length(coordinator_staffing) <= 200),
        shelter boolean,
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id),
        PRIMARY KEY (municipality_code, fiscal_year)
      );

      CREATE TABLE annual_report_texts (
        scope_kind varchar(12) NOT NULL CHECK (scope_kind IN ('municipality','region','prefecture','centre')),
        scope_code text NOT NULL,
        fiscal_year int NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
        chapter varchar(12) NOT NULL CHECK (chapter IN ('consultation','emergency','trial','specialists','network')),
        section varchar(10) NOT NULL CHECK (section IN ('results','issues','direction')),
        body text NOT NULL CHECK (length(body) <= 20000),
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id),
        PRIMARY KEY (scope_kind, scope_code, fiscal_year, chapter, section)
      );

      CREATE INDEX emergency_requests_area_created_idx ON emergency_requests(municipality_code, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX emergency_requests_area_created_idx;
      DROP TABLE annual_report_texts, municipality_base_facts;
      ALTER TABLE regions DROP COLUMN reports_shared, DROP COLUMN reports_shared_updated_at, DROP COLUMN reports_shared_updated_by;
    `);
  }
}
