import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { NormalisedAddress, ProviderPhotoView, ProviderProfileView, UpdateProviderProfileRequest } from '@akiwa/contracts';
import { returning } from '../database/sql';

/** A public profile's contact fields, as the open feeds show them. */
export interface PublicProviderContact {
  organisationId: string;
  officeNumber: string | null;
  phone: string;
  postalCode: string;
  address: string;
}

/** A provider organisation with its profile's columns (all null when `saved` is false: none stored yet). */
export type ProfileRow = Omit<ProviderProfileView, 'photos' | 'updatedAt'> & { saved: boolean; updatedAt: Date | null };

export type PhotoRow = Omit<ProviderPhotoView, 'createdAt'> & { createdAt: Date };

/** A whole profile to save, based on the version `version` (0: none saved yet). */
export interface ProfileWrite {
  organisationId: string;
  fields: UpdateProviderProfileRequest;
  addressNormalised: NormalisedAddress | null;
  updatedBy: string;
}

const PROFILE_COLUMNS = `p.office_number AS "officeNumber", p.postal_code AS "postalCode", p.address, p.address_normalised AS "addressNormalised",
  p.nearest_station AS "nearestStation", p.access, p.phone, p.hours, p.fee_per_night AS "feePerNight", p.fee_per_night_includes AS "feePerNightIncludes",
  p.fee_per_month AS "feePerMonth", p.fee_per_month_includes AS "feePerMonthIncludes", p.transport_area AS "transportArea", p.transport_hours AS "transportHours",
  p.night_staffing AS "nightStaffing", p.night_staffing_note AS "nightStaffingNote", p.medical, p.medical_note AS "medicalNote", p.wheelchair,
  p.machine_bath AS "machineBath", p.description, p.public, p.version, p.updated_at AS "updatedAt"`;

/** The SQL of provider profiles and their photos. */
@Injectable()
export class ProfilesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Undefined when the organisation is not a provider. */
  async profile(organisationId: string): Promise<ProfileRow | undefined> {
    const [row] = await this.db.query(
      `SELECT o.id AS "organisationId", o.name AS "organisationName", p.organisation_id IS NOT NULL AS saved, ${PROFILE_COLUMNS}
       FROM organisations o LEFT JOIN provider_profiles p ON p.organisation_id = o.id
       WHERE o.id = $1 AND o.kind = 'provider'`,
      [organisationId],
    );
    return row;
  }

  async photos(organisationId: string): Promise<PhotoRow[]> {
    return this.db.query(
      `SELECT id, width, height, octet_length(content) AS bytes, caption, created_at AS "createdAt"
       FROM provider_photos WHERE organisation_id = $1 ORDER BY created_at, id`,
      [organisationId],
    );
  }

  /** The contacts of those of these providers whose profile is public. */
  async publicContacts(organisationIds: string[]): Promise<PublicProviderContact[]> {
    return this.db.query(
      `SELECT organisation_id AS "organisationId", office_number AS "officeNumber", phone, postal_code AS "postalCode", address
       FROM provider_profiles WHERE organisation_id = ANY($1::uuid[]) AND public`,
      [organisationIds],
    );
  }

  /**
   * The optimistic lock of a profile: inserts the first version when `version` is 0, else updates the
   * row still at `version`; false when someone saved first.
   */
  async save(tx: EntityManager, w: ProfileWrite): Promise<boolean> {
    const f = w.fields;
    const values = [
      w.organisationId, f.officeNumber, f.postalCode, f.address, w.addressNormalised, f.nearestStation, f.access, f.phone, f.hours,
      f.feePerNight, f.feePerNightIncludes, f.feePerMonth, f.feePerMonthIncludes, f.transportArea, f.transportHours,
      f.nightStaffing, f.nightStaffingNote, f.medical, f.medicalNote, f.wheelchair, f.machineBath, f.description, f.public,
      w.updatedBy, f.version,
    ];
    const rows: unknown[] =
      f.version === 0
        ? await returning(
            tx,
            `INSERT INTO provider_profiles(organisation_id, office_number, postal_code, address, address_normalised, nearest_station, access, phone, hours,
               fee_per_night, fee_per_night_includes, fee_per_month, fee_per_month_includes, transport_area, transport_hours, night_staffing,
               night_staffing_note, medical, medical_note, wheelchair, machine_bath, description, public, updated_by)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24
             WHERE $25::int = 0
             ON CONFLICT (organisation_id) DO NOTHING RETURNING version`,
            values,
          )
        : await returning(
            tx,
            `UPDATE provider_profiles SET office_number = $2, postal_code = $3, address = $4, address_normalised = $5, nearest_station = $6, access = $7,
               phone = $8, hours = $9, fee_per_night = $10, fee_per_night_includes = $11, fee_per_month = $12, fee_per_month_includes = $13,
               transport_area = $14, transport_hours = $15, night_staffing = $16, night_staffing_note = $17, medical = $18, medical_note = $19,
               wheelchair = $20, machine_bath = $21, description = $22, public = $23, updated_by = $24, updated_at = now(), version = version + 1
             WHERE organisation_id = $1 AND version = $25 RETURNING version`,
            values,
          );
    return rows.length > 0;
  }

  /** Locks the organisation row: one provider's uploads queue here, so a count read next cannot be passed by two at once. */
  async lockOrganisation(tx: EntityManager, organisationId: string): Promise<void> {
    await tx.query(`SELECT 1 FROM organisations WHERE id = $1 FOR UPDATE`, [organisationId]);
  }

  async photoCount(tx: EntityManager, organisationId: string): Promise<number> {
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM provider_photos WHERE organisation_id = $1`, [organisationId]);
    return n;
  }

  async insertPhoto(tx: EntityManager, organisationId: string, photo: { content: Buffer; width: number; height: number }, caption: string, createdBy: string): Promise<PhotoRow> {
    const [row] = await returning<PhotoRow>(
      tx,
      `INSERT INTO provider_photos(organisation_id, content, content_type, width, height, caption, created_by) VALUES ($1, $2, 'image/jpeg', $3, $4, $5, $6)
       RETURNING id, width, height, octet_length(content) AS bytes, caption, created_at AS "createdAt"`,
      [organisationId, photo.content, photo.width, photo.height, caption, createdBy],
    );
    return row;
  }

  /** The stored JPEG, or null when the provider has no such photo. */
  async photoContent(photoId: string, organisationId: string): Promise<Buffer | null> {
    const [row] = await this.db.query(`SELECT content FROM provider_photos WHERE id = $1 AND organisation_id = $2`, [photoId, organisationId]);
    return row?.content ?? null;
  }

  /** False when the provider has no such photo. */
  async deletePhoto(tx: EntityManager, photoId: string, organisationId: string): Promise<boolean> {
    const rows = await returning(tx, `DELETE FROM provider_photos WHERE id = $1 AND organisation_id = $2 RETURNING id`, [photoId, organisationId]);
    return rows.length > 0;
  }
}
