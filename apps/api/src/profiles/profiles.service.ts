import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, Role, type ProviderPhotoView, type ProviderProfileView } from '@akiwa/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { returning } from '../database/sql';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { AddressNormaliser } from './address-normaliser';
import { processPhoto } from './photo-processing';
import type { UpdateProviderProfileDto } from './profile.dto';

/** A public profile's contact fields, as the open feeds show them. */
export interface PublicProviderContact {
  organisationId: string;
  officeNumber: string | null;
  phone: string;
  postalCode: string;
  address: string;
}

/** A provider keeps at most this many photos. */
export const MAX_PHOTOS = 10;

const PROFILE_COLUMNS = `p.office_number AS "officeNumber", p.postal_code AS "postalCode", p.address, p.address_normalised AS "addressNormalised",
  p.nearest_station AS "nearestStation", p.access, p.phone, p.hours, p.fee_per_night AS "feePerNight", p.fee_per_night_includes AS "feePerNightIncludes",
  p.fee_per_month AS "feePerMonth", p.fee_per_month_includes AS "feePerMonthIncludes", p.transport_area AS "transportArea", p.transport_hours AS "transportHours",
  p.night_staffing AS "nightStaffing", p.night_staffing_note AS "nightStaffingNote", p.medical, p.medical_note AS "medicalNote", p.wheelchair,
  p.machine_bath AS "machineBath", p.description, p.public, p.version, p.updated_at AS "updatedAt"`;

/** What a provider shows before it has saved anything. */
const EMPTY = {
  officeNumber: null, postalCode: '', address: '', addressNormalised: null, nearestStation: '', access: '', phone: '', hours: '',
  feePerNight: null, feePerNightIncludes: '', feePerMonth: null, feePerMonthIncludes: '', transportArea: '', transportHours: '',
  nightStaffing: null, nightStaffingNote: '', medical: [], medicalNote: '', wheelchair: false, machineBath: false, description: '',
  public: false, version: 0, updatedAt: null,
} as const;

const notFound = () => AppException.notFound({ ja: '事業所の情報', en: 'Provider profile' });

/**
 * Provider profiles: the provider's own staff write them; coordinators, municipal officers and
 * admins read every provider's; other providers read only the ones made public. A profile a caller
 * may not read is answered as not found (its existence is not told).
 */
@Injectable()
export class ProfilesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly addresses: AddressNormaliser,
    private readonly audit: AuditLog,
  ) {}

  async view(auth: AuthUser, organisationId: string): Promise<ProviderProfileView> {
    const [row] = await this.db.query(
      `SELECT o.id AS "organisationId", o.name AS "organisationName", p.organisation_id IS NOT NULL AS saved, ${PROFILE_COLUMNS}
       FROM organisations o LEFT JOIN provider_profiles p ON p.organisation_id = o.id
       WHERE o.id = $1 AND o.kind = 'provider'`,
      [organisationId],
    );
    if (!row) throw notFound();
    const own = auth.organisationId === organisationId;
    if (auth.role === Role.ProviderStaff && !own && !row.public) throw notFound();
    const { saved, ...fields } = row;
    const photos: ProviderPhotoView[] = await this.db.query(
      `SELECT id, width, height, octet_length(content) AS bytes, caption, created_at AS "createdAt"
       FROM provider_photos WHERE organisation_id = $1 ORDER BY created_at, id`,
      [organisationId],
    );
    const profile = saved ? fields : { ...fields, ...EMPTY };
    return { ...profile, updatedAt: profile.updatedAt ? new Date(profile.updatedAt).toISOString() : null, photos: photos.map((p) => ({ ...p, createdAt: new Date(p.createdAt).toISOString() })) };
  }

  /**
   * What the open feeds may show of providers: only profiles their provider made public (事業所番号,
   * phone, address), by organisation.
   */
  async publicContacts(organisationIds: string[]): Promise<Map<string, PublicProviderContact>> {
    const rows: PublicProviderContact[] = await this.db.query(
      `SELECT organisation_id AS "organisationId", office_number AS "officeNumber", phone, postal_code AS "postalCode", address
       FROM provider_profiles WHERE organisation_id = ANY($1::uuid[]) AND public`,
      [organisationIds],
    );
    return new Map(rows.map((r) => [r.organisationId, r]));
  }

  /** Saves the whole profile of the caller's organisation, if it is still the version the caller read. */
  async update(auth: AuthUser, dto: UpdateProviderProfileDto): Promise<ProviderProfileView> {
    const normalised = await this.addresses.normalise(dto.address);
    const values = [
      auth.organisationId, dto.officeNumber, dto.postalCode, dto.address, normalised, dto.nearestStation, dto.access, dto.phone, dto.hours,
      dto.feePerNight, dto.feePerNightIncludes, dto.feePerMonth, dto.feePerMonthIncludes, dto.transportArea, dto.transportHours,
      dto.nightStaffing, dto.nightStaffingNote, dto.medical, dto.medicalNote, dto.wheelchair, dto.machineBath, dto.description, dto.public,
      auth.userId, dto.version,
    ];
    const saved = await this.db.transaction(async (tx) => {
      const rows: unknown[] =
        dto.version === 0
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
      if (!rows.length) return false;
      await this.audit.record({ actor: auth, action: 'provider_profile.update', subjectType: 'organisation', subjectId: auth.organisationId, detail: { public: dto.public } }, tx);
      return true;
    });
    const current = await this.view(auth, auth.organisationId);
    if (!saved) {
      throw new AppException(
        ErrorCode.VersionConflict,
        { ja: '他の人が事業所の情報を先に更新しました。最新の内容を確認してください', en: 'Someone else changed the profile first; review the current version' },
        [{ field: 'version', code: 'outdated', message: { ja: '「version」が古くなっています', en: 'version is outdated' } }],
        { current },
      );
    }
    return current;
  }

  async addPhoto(auth: AuthUser, upload: Buffer | undefined, caption: string): Promise<ProviderPhotoView> {
    if (!upload?.length) throw AppException.invalidField('photo', 'isDefined', { ja: '「photo」に画像を添付してください', en: 'Attach an image as photo' });
    const photo = await processPhoto(upload);
    const [row] = await this.db.transaction(async (tx) => {
      // one provider's uploads queue here, so the count below cannot be passed by two at once
      await tx.query(`SELECT 1 FROM organisations WHERE id = $1 FOR UPDATE`, [auth.organisationId]);
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM provider_photos WHERE organisation_id = $1`, [auth.organisationId]);
      if (n >= MAX_PHOTOS) throw AppException.invalidField('photo', 'too_many', { ja: `「photo」は${MAX_PHOTOS}枚までです`, en: `At most ${MAX_PHOTOS} photos` });
      const inserted = await returning<ProviderPhotoView>(
        tx,
        `INSERT INTO provider_photos(organisation_id, content, content_type, width, height, caption, created_by) VALUES ($1, $2, 'image/jpeg', $3, $4, $5, $6)
         RETURNING id, width, height, octet_length(content) AS bytes, caption, created_at AS "createdAt"`,
        [auth.organisationId, photo.content, photo.width, photo.height, caption, auth.userId],
      );
      await this.audit.record({ actor: auth, action: 'provider_photo.add', subjectType: 'organisation', subjectId: auth.organisationId, detail: { photoId: inserted[0].id } }, tx);
      return inserted;
    });
    return { ...row, createdAt: new Date(row.createdAt).toISOString() };
  }

  /** The stored JPEG, for whoever may read the profile. */
  async photo(auth: AuthUser, organisationId: string, photoId: string): Promise<Buffer> {
    await this.view(auth, organisationId); // the profile's read rule
    const [row] = await this.db.query(`SELECT content FROM provider_photos WHERE id = $1 AND organisation_id = $2`, [photoId, organisationId]);
    if (!row) throw AppException.notFound({ ja: '写真', en: 'Photo' });
    return row.content;
  }

  async removePhoto(auth: AuthUser, photoId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const rows = await returning(tx, `DELETE FROM provider_photos WHERE id = $1 AND organisation_id = $2 RETURNING id`, [photoId, auth.organisationId]);
      if (!rows.length) throw AppException.notFound({ ja: '写真', en: 'Photo' });
      await this.audit.record({ actor: auth, action: 'provider_photo.remove', subjectType: 'organisation', subjectId: auth.organisationId, detail: { photoId } }, tx);
    });
  }
}
