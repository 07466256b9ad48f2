import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DeclineReason,
  DisabilityCategory,
  ErrorCode,
  ReportChapter,
  ReportSection,
  RequestOutcome,
  Urgency,
  type AnnualReport,
  type DurationStats,
  type MatchScope,
  type ReportCount,
  type ReportTextsView,
  type RegionSharingView,
  type BaseFacts,
} from '@akiwa/contracts';
import { fiscalYearOf, REPORT_NEEDS, reportPeriod, suppressCount, unmetNeedSentence, type ReportPeriod } from '@akiwa/domain';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { ENV, type ResolvedEnv } from '../config/env';
import { Clock } from '../common/time/clock';
import { ReportExport } from './report-export.service';
import { ReportRepository, type DurationRow, type ReportFilter } from './report.repository';
import { ReportScopeResolver, type ResolvedScope } from './report-scope.service';
import { ReportSettingsRepository } from './report-settings.repository';
import type { ReportQueryDto, SaveBaseFactsDto, SaveReportTextDto } from './report.dto';

const OUTCOMES = Object.values(RequestOutcome);
const LEVELS: MatchScope[] = ['municipality', 'region', 'prefecture'];
const REASONS = Object.values(DeclineReason);

const tally = <K extends string>(keys: readonly K[], rows: { key: string; n: number }[], c: (n: number) => ReportCount): Record<K, ReportCount> =>
  Object.fromEntries(keys.map((k) => [k, c(rows.find((r) => r.key === k)?.n ?? 0)])) as Record<K, ReportCount>;
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** The annual verification report: scope and access, SQL aggregates, then small-number suppression. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly figures: ReportRepository,
    private readonly settings: ReportSettingsRepository,
    private readonly scopes: ReportScopeResolver,
    private readonly audit: AuditLog,
    private readonly exporter: ReportExport,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  async report(auth: AuthUser, q: ReportQueryDto): Promise<AnnualReport> {
    const now = this.clock.now();
    const period = this.period(q);
    const scope = await this.scopes.resolve(auth, q.scope, q.code);
    const end = new Date(`${period.to}T00:00:00+09:00`);
    const filter: ReportFilter = {
      personCodes: scope.personCodes,
      organisationId: scope.organisationId,
      areaCodes: scope.areaCodes,
      from: period.from,
      to: period.to,
      asOf: end < now ? end : now,
    };
    const [req, eng, trial, status] = await Promise.all([
      this.figures.requests(filter),
      this.figures.engagement(filter),
      this.figures.trials(filter),
      this.figures.statusMunicipalities(scope.areaCodes, period.fiscalYear ?? fiscalYearOf(period.from)),
    ]);
    const t = this.env.REPORT_SUPPRESS_BELOW;
    const c = (n: number) => suppressCount(n, t);
    const duration = (d: DurationRow): DurationStats => {
      const hidden = d.n < t; // a median over fewer than t requests is someone's own figure
      return { n: c(d.n), medianMinutes: hidden ? null : round1(d.median), p90Minutes: hidden ? null : round1(d.p90) };
    };

    const byOutcomeRaw = new Map<string, number>();
    for (const r of req.byMonth) byOutcomeRaw.set(r.outcome, (byOutcomeRaw.get(r.outcome) ?? 0) + r.n);
    const total = [...byOutcomeRaw.values()].reduce((a, b) => a + b, 0);
    const nightsPlaced = req.byServiceType.reduce((a, r) => a + r.nights, 0);
    const placements = req.byServiceType.reduce((a, r) => a + r.n, 0);

    return {
      scope: { kind: scope.kind, code: scope.code, name: scope.name },
      period: { from: period.from, to: period.to, fiscalYear: period.fiscalYear, label: period.label },
      suppressBelow: t,
      registrantsAvailable: false,
      requests: {
        total: c(total),
        byMonth: months(period).map((month) => {
          const rows = req.byMonth.filter((r) => r.month === month);
          return { month, outcomes: tally(OUTCOMES, rows.map((r) => ({ key: r.outcome, n: r.n })), c), total: c(rows.reduce((a, r) => a + r.n, 0)) };
        }),
        byOutcome: tally(OUTCOMES, [...byOutcomeRaw].map(([key, n]) => ({ key, n })), c),
        byUrgency: tally(Object.values(Urgency), req.byUrgency, c),
        byNeed: tally(REPORT_NEEDS, req.byNeed, c),
        toFirstOffer: duration(req.toFirstOffer),
        toPlacement: duration(req.toPlacement),
        placementsByServiceType: req.byServiceType
          .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key))
          .map((r) => ({ serviceType: r.key, placements: c(r.n), nights: r.n < t ? null : r.nights })),
        nightsPlaced: placements > 0 && placements < t ? null : nightsPlaced,
      },
      failures: {
        unplaced: c(byOutcomeRaw.get('unplaced') ?? 0),
        unmetByNeed: REPORT_NEEDS.map((need) => ({
          need,
          levels: tally(LEVELS, req.unmetByNeed.filter((r) => r.need === need).map((r) => ({ key: r.level, n: r.n })), c),
        })).filter((row) => LEVELS.some((l) => row.levels[l] !== 0)),
        statements: req.unmetStatements.map((s) => {
          const view = { level: s.level, areaName: s.areaName, categories: s.categories, child: s.child, specialNeeds: s.specialNeeds, count: c(s.n) };
          return { ...view, sentence: unmetNeedSentence(view, t) };
        }),
        declinesByProvider: groupReasons(req.declinesByProvider, (r) => r.organisationId).map(([first, rows]) => ({
          organisationId: first.organisationId,
          organisationName: first.organisationName,
          reasons: tally(REASONS, rows.map((r) => ({ key: r.reason, n: r.n })), c),
          total: c(rows.reduce((a, r) => a + r.n, 0)),
        })),
        declinesByCategory: Object.values(DisabilityCategory).map((category) => {
          const rows = req.declinesByCategory.filter((r) => r.category === category);
          return { category, reasons: tally(REASONS, rows.map((r) => ({ key: r.reason, n: r.n })), c), total: c(rows.reduce((a, r) => a + r.n, 0)) };
        }),
        contracted: req.contracted.map((r) => ({
          organisationId: r.organisationId,
          organisationName: r.organisationName,
          requests: c(r.requests),
          placedWithIt: c(r.placedWithIt),
          declined: c(r.declined),
          notPlacedWithIt: c(r.notPlacedWithIt),
        })),
      },
      engagement: {
        asOf: filter.asOf.toISOString(),
        units: eng.units,
        confirmedWithin24h: eng.units ? eng.fresh / eng.units : null,
        medianVacancyAgeHours: round1(eng.medianAgeHours),
        providersNeverUpdating: eng.neverUpdating,
        toAnswer: duration(req.toAnswer),
        answeredShare: req.toAnswer.told ? req.toAnswer.n / req.toAnswer.told : null,
        toAcknowledge: duration(req.toAcknowledge),
        acknowledgedShare: req.toAcknowledge.told ? req.toAcknowledge.n / req.toAcknowledge.told : null,
      },
      trialStays: {
        nights: trial.persons < t ? (trial.nights ? null : 0) : trial.nights,
        persons: c(trial.persons),
        byHome: trial.byHome.map((h) => ({ organisationId: h.organisationId, organisationName: h.organisationName, nights: h.persons < t ? null : h.nights, persons: c(h.persons) })),
        waitingList: {
          length: c(trial.waiting.length),
          medianWaitingDays: trial.waiting.length < t ? null : round1(trial.waiting.medianDays),
          longestWaitingDays: trial.waiting.length < t ? null : trial.waiting.longestDays,
        },
      },
      status: status.map((m) => ({
        municipalityCode: m.code,
        municipalityName: m.name,
        registrants: null,
        emergencyProtections: c(req.placedByCity.find((p) => p.key === m.code)?.n ?? 0),
        facts: factsView(m),
      })),
    };
  }

  /** The report as a workbook (with the officer's texts of a fiscal year) or a CSV, and a file name for it. */
  async file(auth: AuthUser, q: ReportQueryDto, kind: 'xlsx' | 'csv'): Promise<{ body: Buffer | string; filename: string }> {
    const report = await this.report(auth, q);
    const period = report.period.fiscalYear !== null ? `fy${report.period.fiscalYear}` : `${report.period.from}_${report.period.to}`;
    const filename = `akiwa-report-${report.scope.kind}-${report.scope.code}-${period}.${kind}`;
    if (kind === 'csv') return { body: this.exporter.csv(report), filename };
    const texts = report.period.fiscalYear !== null ? await this.texts(auth, q) : null;
    return { body: await this.exporter.xlsx(report, texts), filename };
  }

  async texts(auth: AuthUser, q: ReportQueryDto): Promise<ReportTextsView> {
    const fiscalYear = this.fiscalYear(q);
    const scope = await this.scopes.resolve(auth, q.scope, q.code);
    const rows = await this.settings.texts(scope.kind, scope.code, fiscalYear);
    const texts = Object.values(ReportChapter).flatMap((chapter) =>
      Object.values(ReportSection).map((section) => {
        const r = rows.find((x) => x.chapter === chapter && x.section === section);
        return { chapter, section, body: r?.body ?? '', version: r?.version ?? 0, updatedAt: r?.updatedAt.toISOString() ?? null, updatedByName: r?.updatedByName ?? null };
      }),
    );
    return { scope: { kind: scope.kind, code: scope.code }, fiscalYear, texts };
  }

  /** Only the scope's own author writes: an officer for their municipality, a coordinator for their centre. */
  async saveText(auth: AuthUser, q: ReportQueryDto, chapter: ReportChapter, section: ReportSection, dto: SaveReportTextDto): Promise<ReportTextsView> {
    const fiscalYear = this.fiscalYear(q);
    const scope = await this.writableScope(auth, q);
    const ok = await this.settings.saveText({ kind: scope.kind, code: scope.code, fiscalYear, chapter, section }, dto.body, dto.version, auth.userId);
    const view = await this.texts(auth, { ...q, scope: scope.kind, code: scope.code });
    if (!ok) {
      throw new AppException(ErrorCode.VersionConflict, { ja: 'ほかの人が先に更新しました。最新の内容を確認してください', en: 'Someone else saved this first; review the current text' }, [], { current: view });
    }
    return view;
  }

  async facts(auth: AuthUser, code: string, fiscalYear: number): Promise<BaseFacts> {
    await this.scopes.resolve(auth, 'municipality', code);
    return factsView(await this.settings.facts(code, fiscalYear));
  }

  async saveFacts(auth: AuthUser, code: string, fiscalYear: number, dto: SaveBaseFactsDto): Promise<BaseFacts> {
    await this.writableScope(auth, { scope: 'municipality', code });
    const ok = await this.db.transaction(async (tx) => {
      const saved = await this.settings.saveFacts(code, fiscalYear, dto, dto.version, auth.userId, tx);
      if (saved) await this.audit.record({ actor: auth, action: 'report.facts.write', subjectType: 'municipality', subjectId: code, detail: { fiscalYear, baseType: dto.baseType, coordinatorStaffing: dto.coordinatorStaffing, shelter: dto.shelter } }, tx);
      return saved;
    });
    const view = factsView(await this.settings.facts(code, fiscalYear));
    if (!ok) throw new AppException(ErrorCode.VersionConflict, { ja: 'ほかの人が先に更新しました。最新の内容を確認してください', en: 'Someone else saved this first' }, [], { current: view });
    return view;
  }

  async regionSharing(auth: AuthUser, regionId: string | undefined): Promise<RegionSharingView> {
    let id = regionId;
    if (auth.role !== 'admin') {
      const own = await this.settings.place(await this.scopes.officerMunicipality(auth));
      if (!own?.regionId || (id && id !== own.regionId)) throw AppException.forbidden();
      id = own.regionId;
    }
    const row = id ? await this.settings.regionSharing(id) : undefined;
    if (!row) throw AppException.notFound({ ja: '圏域', en: 'Region' });
    return { ...row, updatedAt: row.updatedAt?.toISOString() ?? null };
  }

  /** The region's agreement to share figures among its municipalities: set by an admin, recorded in the audit log. */
  async setRegionSharing(auth: AuthUser, regionId: string, shared: boolean): Promise<RegionSharingView> {
    if (!(await this.settings.region(regionId))) throw AppException.notFound({ ja: '圏域', en: 'Region' });
    await this.db.transaction(async (tx) => {
      await this.settings.setRegionSharing(regionId, shared, auth.userId, tx);
      await this.audit.record({ actor: auth, action: 'report.region_sharing.write', subjectType: 'region', subjectId: regionId, detail: { shared } }, tx);
    });
    return this.regionSharing(auth, regionId);
  }

  private async writableScope(auth: AuthUser, q: Pick<ReportQueryDto, 'scope' | 'code'>): Promise<ResolvedScope> {
    const scope = await this.scopes.resolve(auth, q.scope, q.code);
    const own = auth.role === 'admin' || (auth.role === 'municipal_officer' && scope.kind === 'municipality') || (auth.role === 'coordinator' && scope.kind === 'centre');
    if (!own) throw AppException.forbidden('Only the area’s own officer writes its report', 'この報告を編集できるのは当該市町村の担当者だけです');
    return scope;
  }

  private period(q: ReportQueryDto): ReportPeriod {
    const p = reportPeriod(q);
    if (!p) throw AppException.invalidField('from', 'period', { ja: '「期間」は年度、または正しい開始日と終了日（3年以内）で指定してください', en: 'Give a fiscal year, or a valid from/to period of at most 3 years' });
    return p;
  }

  private fiscalYear(q: ReportQueryDto): number {
    if (q.fiscalYear === undefined) throw AppException.invalidField('fiscalYear', 'required', { ja: '「年度」を指定してください', en: 'fiscalYear is required' });
    return q.fiscalYear;
  }
}

function factsView(m: { baseType: string | null; coordinatorStaffing: string | null; shelter: boolean | null; version: number | null; updatedAt: Date | null; updatedByName: string | null } | undefined): BaseFacts {
  return {
    baseType: (m?.baseType ?? null) as BaseFacts['baseType'],
    coordinatorStaffing: m?.coordinatorStaffing ?? '',
    shelter: m?.shelter ?? null,
    updatedAt: m?.updatedAt ? new Date(m.updatedAt).toISOString() : null,
    updatedByName: m?.updatedByName ?? null,
    version: m?.version ?? 0,
  };
}

/** Every month (YYYY-MM) the period touches, in order. */
function months(p: ReportPeriod): string[] {
  const out: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  const last = p.to.slice(8, 10) === '01' ? monthBefore(p.to) : p.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y += 1;
  }
}

function monthBefore(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function groupReasons<R>(rows: R[], key: (r: R) => string): [R, R[]][] {
  const map = new Map<string, R[]>();
  for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
  return [...map.values()].map((rs) => [rs[0], rs] as [R, R[]]).sort((a, b) => String(key(a[0])).localeCompare(key(b[0])));
}
