import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RegionWindows, UpdateRegionWindows } from '@akiwa/contracts';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { Clock } from '../common/time/clock';
import { ENV, type ResolvedEnv } from '../config/env';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { RegionWindowsRepository } from './region-windows.repository';
import { OrganisationTexts, Things } from '../common/errors/texts';

/**
 * A region's widening and response windows, set by the municipal officers of its municipalities
 * (officer settings) and read by posting and widening. Null: EMERGENCY_WIDEN_MINUTES. Every change
 * is audited with the values before and after; the region row keeps who changed them last.
 */
@Injectable()
export class RegionWindowsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: RegionWindowsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  /** The windows in force for a request from this municipality, in minutes. */
  async forMunicipality(municipalityCode: string, db: DataSource | EntityManager = this.db): Promise<{ widenMinutes: number; answerMinutes: number }> {
    const row = await this.repo.forMunicipality(municipalityCode, db);
    return { widenMinutes: row?.widenMinutes ?? this.env.EMERGENCY_WIDEN_MINUTES, answerMinutes: row?.answerMinutes ?? this.env.EMERGENCY_WIDEN_MINUTES };
  }

  async get(auth: AuthUser): Promise<RegionWindows> {
    return this.view(await this.ownRegion(auth));
  }

  async update(auth: AuthUser, dto: UpdateRegionWindows): Promise<RegionWindows> {
    const regionId = await this.ownRegion(auth);
    await this.db.transaction(async (tx) => {
      const before = await this.repo.lockWindows(tx, regionId);
      await this.repo.setWindows(tx, regionId, { widenMinutes: dto.widenMinutes, answerMinutes: dto.answerMinutes }, this.clock.now(), auth.userId);
      await this.audit.record(
        { actor: auth, action: 'region.response_windows', subjectType: 'region', subjectId: regionId, detail: { before, after: { widenMinutes: dto.widenMinutes, answerMinutes: dto.answerMinutes } } },
        tx,
      );
    });
    return this.view(regionId);
  }

  /** The 圏域 of the officer's municipality (a ward's, for a ward office). */
  private async ownRegion(auth: AuthUser): Promise<string> {
    const regionId = await this.organisations.regionOf(auth.organisationId);
    if (!regionId) throw AppException.forbidden(OrganisationTexts.noRegion);
    return regionId;
  }

  private async view(regionId: string): Promise<RegionWindows> {
    const r = await this.repo.view(regionId);
    if (!r) throw AppException.notFound(Things.region);
    return {
      ...r,
      updatedAt: r.updatedAt ? new Date(r.updatedAt).toISOString() : null,
      defaults: { widenMinutes: this.env.EMERGENCY_WIDEN_MINUTES, answerMinutes: this.env.EMERGENCY_WIDEN_MINUTES },
    };
  }
}
