import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ENV, type ResolvedEnv } from '../config/env';
import { AuditLog, type ChainCheck } from './audit-log.service';

export interface AuditIntegrityStatus extends ChainCheck {
  status: 'ok' | 'broken' | 'unchecked' | 'error';
  checkedAt: string | null;
  /** When a break was first seen: it stays reported until the process restarts after the investigation. */
  brokenSince: string | null;
}

/**
 * Verifies the audit chain and its seals on a schedule (AUDIT_VERIFY_INTERVAL_MS) and raises the
 * alarm on a break: an error in the log (for the log alerting) and a status the admins see on the
 * audit page (GET /api/admin/audit/integrity). A break is sticky: a later check cannot clear it.
 */
@Injectable()
export class AuditIntegrity implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditIntegrity');
  private timer?: NodeJS.Timeout;
  private running?: Promise<AuditIntegrityStatus>;
  private lastSeal?: { id: string; mac: string };
  private state: AuditIntegrityStatus = { status: 'unchecked', checkedAt: null, brokenSince: null, rows: 0, brokenAt: null, reason: null };

  constructor(
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  onApplicationBootstrap() {
    const tick = () => {
      this.check().finally(() => {
        this.timer = setTimeout(tick, this.env.AUDIT_VERIFY_INTERVAL_MS);
        this.timer.unref();
      });
    };
    this.timer = setTimeout(tick, Math.min(1000, this.env.AUDIT_VERIFY_INTERVAL_MS));
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearTimeout(this.timer);
  }

  get status(): AuditIntegrityStatus {
    return this.state;
  }

  /** One verification now (concurrent callers share it). */
  check(): Promise<AuditIntegrityStatus> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<AuditIntegrityStatus> {
    const checkedAt = new Date().toISOString();
    try {
      const seal = await this.audit.lastSeal();
      const result = await this.audit.verify(this.lastSeal);
      if (result.brokenAt) {
        const brokenSince = this.state.brokenSince ?? checkedAt;
        this.state = { ...result, status: 'broken', checkedAt, brokenSince };
        this.logger.error({ alert: 'audit_chain_broken', ...result }, `AUDIT LOG TAMPERED: chain broken at row ${result.brokenAt} (${result.reason})`);
      } else if (this.state.status === 'broken') {
        this.state = { ...this.state, checkedAt };
      } else {
        this.state = { ...result, status: 'ok', checkedAt, brokenSince: null };
        if (seal) this.lastSeal = seal;
      }
    } catch (e) {
      if (this.state.status !== 'broken') this.state = { ...this.state, status: 'error', checkedAt };
      this.logger.warn({ err: e }, 'audit chain check failed to run');
    }
    return this.state;
  }
}
