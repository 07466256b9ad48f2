import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ConsentBy, DisabilityCategory, Gender, RiskFlag, SpecialNeed, Urgency } from '@akiwa/contracts';
import { enumCheck } from '../sql';

const arrayCheck = (column: string, values: Record<string, string>) =>
  `CHECK (${column} <@ ARRAY[${Object.values(values).map((v) => `'${v}'`).join(',')}]::text[])`;

/**
 * 緊急時利用登録届 (seed 003 別紙3): the registrant ledger. One registration per person.
 *
 * Everything written on the form (names, ふりがな, birth date, address, phones, certificates,
 * illness, medication, the expected emergency, emergency contacts, household, the consultant, the
 * person's wishes) is in `form_encrypted` (AES-256-GCM, AAD bound to the row). What the ledger must
 * filter and match on without decrypting stays readable: municipality, the matching profile,
 * risk flags, urgency tier, the contracted provider, review date, consent, 支給量 — and keyed blind
 * indexes (HMAC) of the normalised name, kana and birth date for exact search over encrypted data.
 */
export class Registrations1765850000001 implements MigrationInterface {
  name = 'Registrations1765850000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL UNIQUE REFERENCES persons(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        municipality_code varchar(5) NOT NULL REFERENCES municipalities(code),
        form_encrypted bytea NOT NULL,
        notified_on date NOT NULL,
        gender varchar(6) NOT NULL ${enumCheck('gender', Gender)},
        categories text[] NOT NULL DEFAULT '{}' ${arrayCheck('categories', DisabilityCategory)},
        child boolean NOT NULL,
        support_level int CHECK (support_level BETWEEN 0 AND 6),
        special_needs text[] NOT NULL DEFAULT '{}' ${arrayCheck('special_needs', SpecialNeed)},
        risk_flags text[] NOT NULL DEFAULT '{}' ${arrayCheck('risk_flags', RiskFlag)},
        urgency_tier varchar(10) NOT NULL ${enumCheck('urgency_tier', Urgency)},
        contracted_organisation_id uuid REFERENCES organisations(id),
        next_review_on date,
        consent_by varchar(8) NOT NULL ${enumCheck('consent_by', ConsentBy)},
        consented_on date NOT NULL,
        granted_days_per_month int CHECK (granted_days_per_month BETWEEN 0 AND 31),
        granted_from date,
        granted_to date,
        name_index bytea NOT NULL,
        kana_index bytea,
        birth_index bytea NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT registrations_granted_period CHECK (granted_to IS NULL OR granted_from IS NULL OR granted_from <= granted_to)
      );
      CREATE INDEX registrations_municipality_idx ON registrations(municipality_code);
      CREATE INDEX registrations_name_idx ON registrations(name_index);
      CREATE INDEX registrations_kana_idx ON registrations(kana_index);
      CREATE INDEX registrations_birth_idx ON registrations(birth_index);
      CREATE INDEX registrations_review_idx ON registrations(next_review_on);

      -- who changed a registration, when, and which fields (the values themselves are personal data)
      CREATE TABLE registration_changes (
        id bigserial PRIMARY KEY,
        registration_id uuid NOT NULL REFERENCES registrations(id),
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by uuid REFERENCES users(id),
        action varchar(16) NOT NULL CHECK (action IN ('create','update','share','withdraw','import')),
        fields text[] NOT NULL DEFAULT '{}'
      );
      CREATE INDEX registration_changes_registration_idx ON registration_changes(registration_id, changed_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registration_changes, registrations`);
  }
}
