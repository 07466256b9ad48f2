import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RegionWindows, UpdateRegionWindows } from '@akiwa/contracts';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { Clock } from '../common/time/clock';
import { ENV, type ResolvedEnv } from '../config/env';

/**
 * A region's widening and response windows, set by the municipal officers of its municipalities
 * (officer settings) and read by posting and widening. Null: EMERGENCY_WIDEN_MINUTES. Every change
 * is audited with the values before and after; the region row keeps who changed them last.
 */
@Injectable()
export class RegionWindowsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  /** The windows in force for a request from this municipality, in minutes. */
  async forMunicipality(municipalityCode: string, db: DataSource | EntityManager = this.db): Promise<{ widenMinutes: number; answerMinutes: number }> {
    const [row] = await db.query(
      `SELECT r.widen_minutes AS "widenMinutes", r.answer_minutes AS "answerMinutes"
       FROM municipalities m LEFT JOIN regions r ON r.id = m.region_id WHERE m.code = $1`,
      [municipalityCode],
    );
    return { widenMinutes: row?.widenMinutes ?? this.env.EMERGENCY_WIDEN_MINUTES, answerMinutes: row?.answerMinutes ?? this.env.EMERGENCY_WIDEN_MINUTES };
  }

  async get(auth: AuthUser): Promise<RegionWindows> {
    return this.view(await this.ownRegion(auth));
  }

  async update(auth: AuthUser, dto: UpdateRegionWindows): Promise<RegionWindows> {
    const regionId = await this.ownRegion(auth);
    await this.db.transaction(async (tx) => {
      const [before] = await tx.query(`SELECT widen_minutes AS "widenMinutes", answer_minutes AS "answerMinutes" FROM regions WHERE id = $1 FOR UPDATE`, [regionId]);
      await tx.query(
        `UPDATE regions SET widen_minutes = $2, answer_minutes = $3, response_windows_updated_at = $4, response_windows_updated_by = $5 WHERE id = $1`,
        [regionId, dto.widenMinutes, dto.answerMinutes, this.clock.now(), auth.userId],
      );
      await this.audit.record(
        { actor: auth, action: 'region.response_windows', subjectType: 'region', subjectId: regionId, detail: { before, after: { widenMinutes: dto.widenMinutes, answerMinutes: dto.answerMinutes } } },
        tx,
      );
    });
    return this.view(regionId);
  }

  /** The 圏域 of the officer's municipality (a ward's, for a ward office). */
  private async ownRegion(auth: AuthUser): Promise<string> {
    const [row] = await this.db.query(
      `SELECT m.region_id AS "regionId" FROM organisations o JOIN municipalities m ON m.code = o.municipality_code WHERE o.id = $1`,
      [auth.organisationId],
    );
    if (!row?.regionId) throw AppException.forbidden('Your municipality belongs to no region', 'この市町村は圏域に属していません');
    return row.regionId;
  }

  private async view(regionId: string): Promise<RegionWindows> {
    const [r] = await this.db.query(
      `SELECT r.id AS "regionId", r.name AS "regionName", r.widen_minutes AS "widenMinutes", r.answer_minutes AS "answerMinutes",
              r.response_windows_updated_at AS "updatedAt", u.display_name AS "updatedByName"
       FROM regions r LEFT JOIN users u ON u.id = r.response_windows_updated_by WHERE r.id = $1`,
      [regionId],
    );
    if (!r) throw AppException.notFound({ ja: '圏域', en: 'Region' });
    return {
      ...r,
      updatedAt: r.updatedAt ? new Date(r.updatedAt).toISOString() : null,
      defaults: { widenMinutes: this.env.EMERGENCY_WIDEN_MINUTES, answerMinutes: this.env.EMERGENCY_WIDEN_MINUTES },
    };
  }
}
