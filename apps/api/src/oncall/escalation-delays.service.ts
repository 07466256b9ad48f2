import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EscalationDelays, UpdateEscalationDelays } from '@akiwa/contracts';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { Clock } from '../common/time/clock';
import { ENV, type ResolvedEnv } from '../config/env';
import { EscalationDelaysRepository } from './escalation-delays.repository';
import { RotaService } from './rota.service';
import { Things } from '../common/errors/texts';

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
    private readonly repo: EscalationDelaysRepository,
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
      const before = await this.repo.lockDelays(tx, owner.id);
      if (!before) throw AppException.notFound(Things.region);
      await this.repo.setDelays(tx, owner.id, { unseenMinutes: dto.unseenMinutes, noOfferMinutes: dto.noOfferMinutes }, this.clock.now(), auth.userId);
      await this.audit.record(
        { actor: auth, action: 'region.escalation_delays', subjectType: 'region', subjectId: owner.id, detail: { before, after: { unseenMinutes: dto.unseenMinutes, noOfferMinutes: dto.noOfferMinutes } } },
        tx,
      );
    });
    return this.view(owner.id);
  }

  private async view(regionId: string): Promise<EscalationDelays> {
    const r = await this.repo.view(regionId);
    if (!r) throw AppException.notFound(Things.region);
    return {
      ...r,
      updatedAt: r.updatedAt ? new Date(r.updatedAt).toISOString() : null,
      defaults: { unseenMinutes: this.env.ESCALATION_UNSEEN_MINUTES, noOfferMinutes: this.env.ESCALATION_NO_OFFER_MINUTES },
    };
  }
}
