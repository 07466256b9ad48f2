import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EscalationDelays, UpdateEscalationDelays } from '@akiwa/contracts';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { Clock } from '../common/time/clock';
import { ENV, type ResolvedEnv } from '../config/env';
import { RotaService } from './rota.service';

/**
 * A region's escalation delays (issue 12: 「configurable per region, default 5」): kept by the
 * coordinators of the region's centres — the same people who keep the region's on-call rota, since
 * the delays decide when that rota's phone rings. Every change is written to the audit log with the
 * values before and after. The escalation timers read them when they are armed.
 */
@Injectable()
export class EscalationDelaysService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rotas: RotaService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  async get(auth: AuthUser): Promise<EscalationDelays> {
    const owner = await this.rotas.ownerFor(auth, 'region');
    return this.view(owner.id);
  }

  async update(auth: AuthUser, dto: UpdateEscalationDelays): Promise<EscalationDelays> {
    const owner = await this.rotas.ownerFor(auth, 'region');
    await this.db.transaction(async (tx) => {
      const [before] = await tx.query(
        `SELECT escalation_unseen_minutes::float8 AS "unseenMinutes", escalation_no_offer_minutes::float8 AS "noOfferMinutes" FROM regions WHERE id = $1 FOR UPDATE`,
        [owner.id],
      );
      if (!before) throw AppException.notFound({ ja: '圏域', en: 'Region' });
      await tx.query(
        `UPDATE regions SET escalation_unseen_minutes = $2, escalation_no_offer_minutes = $3, escalation_delays_updated_at = $4, escalation_delays_updated_by = $5 WHERE id = $1`,
        [owner.id, dto.unseenMinutes, dto.noOfferMinutes, this.clock.now(), auth.userId],
      );
      await this.audit.record(
        { actor: auth, action: 'region.escalation_delays', subjectType: 'region', subjectId: owner.id, detail: { before, after: { unseenMinutes: dto.unseenMinutes, noOfferMinutes: dto.noOfferMinutes } } },
        tx,
      );
    });
    return this.view(owner.id);
  }

  private async view(regionId: string): Promise<EscalationDelays> {
    const [r] = await this.db.query(
      `SELECT r.id AS "regionId", r.name AS "regionName", r.escalation_unseen_minutes::float8 AS "unseenMinutes",
              r.escalation_no_offer_minutes::float8 AS "noOfferMinutes", r.escalation_delays_updated_at AS "updatedAt", u.display_name AS "updatedByName"
       FROM regions r LEFT JOIN users u ON u.id = r.escalation_delays_updated_by WHERE r.id = $1`,
      [regionId],
    );
    if (!r) throw AppException.notFound({ ja: '圏域', en: 'Region' });
    return {
      ...r,
      updatedAt: r.updatedAt ? new Date(r.updatedAt).toISOString() : null,
      defaults: { unseenMinutes: this.env.ESCALATION_UNSEEN_MINUTES, noOfferMinutes: this.env.ESCALATION_NO_OFFER_MINUTES },
    };
  }
}
