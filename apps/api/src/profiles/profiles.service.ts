import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, Role, type MedicalCapability, type ProviderPhotoView, type ProviderProfileView } from '@akiwa/contracts';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { AddressNormaliser } from './address-normaliser';
import { processPhoto } from './photo-processing';
import type { UpdateProviderProfileDto } from './profile.dto';
import { ProfilesRepository, type PublicProviderContact } from './profiles.repository';
import { CommonTexts, ProfileTexts, Things } from '../common/errors/texts';

export type { PublicProviderContact } from './profiles.repository';

/** A provider keeps at most this many photos. */
export const MAX_PHOTOS = 10;

/** What a provider shows before it has saved anything. */
const EMPTY = {
  officeNumber: null, postalCode: '', address: '', addressNormalised: null, nearestStation: '', access: '', phone: '', hours: '',
  feePerNight: null, feePerNightIncludes: '', feePerMonth: null, feePerMonthIncludes: '', transportArea: '', transportHours: '',
  nightStaffing: null, nightStaffingNote: '', medical: [] as MedicalCapability[], medicalNote: '', wheelchair: false, machineBath: false, description: '',
  public: false, version: 0, updatedAt: null,
} as const;

const notFound = () => AppException.notFound(Things.profile);

/**
 * Provider profiles: the provider's own staff write them; coordinators, municipal officers and
 * admins read every provider's; other providers read only the ones made public. A profile a caller
 * may not read is answered as not found (its existence is not told).
 */
@Injectable()
export class ProfilesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: ProfilesRepository,
    private readonly addresses: AddressNormaliser,
    private readonly audit: AuditLog,
  ) {}

  async view(auth: AuthUser, organisationId: string): Promise<ProviderProfileView> {
    const row = await this.repo.profile(organisationId);
    if (!row) throw notFound();
    const own = auth.organisationId === organisationId;
    if (auth.role === Role.ProviderStaff && !own && !row.public) throw notFound();
    const { saved, ...fields } = row;
    const photos = await this.repo.photos(organisationId);
    const profile = saved ? fields : { ...fields, ...EMPTY };
    return { ...profile, updatedAt: profile.updatedAt ? new Date(profile.updatedAt).toISOString() : null, photos: photos.map((p) => ({ ...p, createdAt: new Date(p.createdAt).toISOString() })) };
  }

  /**
   * What the open feeds may show of providers: only profiles their provider made public (事業所番号,
   * phone, address), by organisation.
   */
  async publicContacts(organisationIds: string[]): Promise<Map<string, PublicProviderContact>> {
    const rows = await this.repo.publicContacts(organisationIds);
    return new Map(rows.map((r) => [r.organisationId, r]));
  }

  /** Saves the whole profile of the caller's organisation, if it is still the version the caller read. */
  async update(auth: AuthUser, dto: UpdateProviderProfileDto): Promise<ProviderProfileView> {
    const normalised = await this.addresses.normalise(dto.address);
    const saved = await this.db.transaction(async (tx) => {
      if (!(await this.repo.save(tx, { organisationId: auth.organisationId, fields: dto, addressNormalised: normalised, updatedBy: auth.userId }))) return false;
      await this.audit.record({ actor: auth, action: 'provider_profile.update', subjectType: 'organisation', subjectId: auth.organisationId, detail: { public: dto.public } }, tx);
      return true;
    });
    const current = await this.view(auth, auth.organisationId);
    if (!saved) {
      throw new AppException(
        ErrorCode.VersionConflict,
        ProfileTexts.changedFirst,
        [{ field: 'version', code: 'outdated', message: CommonTexts.outdated('version') }],
        { current },
      );
    }
    return current;
  }

  async addPhoto(auth: AuthUser, upload: Buffer | undefined, caption: string): Promise<ProviderPhotoView> {
    if (!upload?.length) throw AppException.invalidField('photo', 'isDefined', ProfileTexts.photoMissing);
    const photo = await processPhoto(upload);
    const row = await this.db.transaction(async (tx) => {
      // one provider's uploads queue here, so the count below cannot be passed by two at once
      await this.repo.lockOrganisation(tx, auth.organisationId);
      if ((await this.repo.photoCount(tx, auth.organisationId)) >= MAX_PHOTOS) throw AppException.invalidField('photo', 'too_many', ProfileTexts.tooManyPhotos(MAX_PHOTOS));
      const inserted = await this.repo.insertPhoto(tx, auth.organisationId, photo, caption, auth.userId);
      await this.audit.record({ actor: auth, action: 'provider_photo.add', subjectType: 'organisation', subjectId: auth.organisationId, detail: { photoId: inserted.id } }, tx);
      return inserted;
    });
    return { ...row, createdAt: new Date(row.createdAt).toISOString() };
  }

  /** The stored JPEG, for whoever may read the profile. */
  async photo(auth: AuthUser, organisationId: string, photoId: string): Promise<Buffer> {
    await this.view(auth, organisationId); // the profile's read rule
    const content = await this.repo.photoContent(photoId, organisationId);
    if (!content) throw AppException.notFound(Things.photo);
    return content;
  }

  async removePhoto(auth: AuthUser, photoId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await this.repo.deletePhoto(tx, photoId, auth.organisationId))) throw AppException.notFound(Things.photo);
      await this.audit.record({ actor: auth, action: 'provider_photo.remove', subjectType: 'organisation', subjectId: auth.organisationId, detail: { photoId } }, tx);
    });
  }
}
