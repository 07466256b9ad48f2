import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who last changed a region's escalation delays, and when: shown beside the form (the audit log keeps
 * every change with before and after; these two columns answer "who set this?" without reading it).
 */
export class EscalationDelaysChangedBy1765862000000 implements MigrationInterface {
  name = 'EscalationDelaysChangedBy1765862000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE regions
        ADD COLUMN escalation_delays_updated_at timestamptz,
        ADD COLUMN escalation_delays_updated_by uuid REFERENCES users(id) ON DELETE SET NULL
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE regions DROP COLUMN escalation_delays_updated_at, DROP COLUMN escalation_delays_updated_by`);
  }
}
