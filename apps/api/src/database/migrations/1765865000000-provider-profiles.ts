import type { MigrationInterface, QueryRunner } from 'typeorm';
import { NightStaffing } from '@akiwa/contracts';
import { enumCheck } from '../sql';

/**
 * Provider profiles (issue 15): one per provider organisation, edited by its staff, read by
 * coordinators and officers (others only when public); photos stored resized, without metadata.
 * The limits the API checks are also here, so no other writer can break them.
 */
export class ProviderProfiles1765865000000 implements MigrationInterface {
  name = 'ProviderProfiles1765865000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provider_profiles (
        organisation_id uuid PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
        office_number varchar(10) CHECK (office_number ~ '^(0[1-9]|[1-3][0-9]|4[0-7])[0-9]{8}$'),
        postal_code text NOT NULL DEFAULT '' CHECK (postal_code ~ '^([0-9]{3}-?[0-9]{4})?$'),
        address text NOT NULL DEFAULT '' CHECK (length(address) <= 200),
        address_normalised jsonb,
        nearest_station text NOT NULL DEFAULT '' CHECK (length(nearest_station) <= 100),
        access text NOT NULL DEFAULT '' CHECK (length(access) <= 500),
        phone text NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
        hours text NOT NULL DEFAULT '' CHECK (length(hours) <= 200),
        fee_per_night int CHECK (fee_per_night BETWEEN 0 AND 1000000),
        fee_per_night_includes text NOT NULL DEFAULT '' CHECK (length(fee_per_night_includes) <= 300),
        fee_per_month int CHECK (fee_per_month BETWEEN 0 AND 10000000),
        fee_per_month_includes text NOT NULL DEFAULT '' CHECK (length(fee_per_month_includes) <= 300),
        transport_area text NOT NULL DEFAULT '' CHECK (length(transport_area) <= 300),
        transport_hours text NOT NULL DEFAULT '' CHECK (length(transport_hours) <= 200),
        night_staffing varchar(12) ${enumCheck('night_staffing', NightStaffing)},
        night_staffing_note text NOT NULL DEFAULT '' CHECK (length(night_staffing_note) <= 300),
        medical text[] NOT NULL DEFAULT '{}',
        medical_note text NOT NULL DEFAULT '' CHECK (length(medical_note) <= 500),
        wheelchair boolean NOT NULL DEFAULT false,
        machine_bath boolean NOT NULL DEFAULT false,
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
        public boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      );

      CREATE TABLE provider_photos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        content bytea NOT NULL CHECK (octet_length(content) <= 2097152),
        content_type varchar(20) NOT NULL CHECK (content_type IN ('image/jpeg')),
        width int NOT NULL CHECK (width BETWEEN 1 AND 1600),
        height int NOT NULL CHECK (height BETWEEN 1 AND 1600),
        caption text NOT NULL DEFAULT '' CHECK (length(caption) <= 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users(id)
      );
      CREATE INDEX provider_photos_organisation ON provider_photos(organisation_id, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE provider_photos; DROP TABLE provider_profiles;`);
  }
}
