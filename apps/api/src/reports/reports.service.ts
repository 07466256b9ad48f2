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
import { fiscalYearOf, REPORT_NEEDS, reportPeriod, unmetNeedSentence, type ReportPeriod } from '@akiwa/domain';
import { RegistrationsService } from '../ledger/registrations.service';
import { ReportCells } from './report-cells';
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
import { ReportTexts, Things } from '../common/errors/texts';

const OUTCOMES = Object.values(RequestOutcome);
const LEVELS: MatchScope[] = ['municipality', 'region', 'prefecture'];
const REASONS = Object.values(DeclineReason);

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
    private readonly registrations: RegistrationsService,
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
      area: scope.kind === 'region' || scope.kind === 'prefecture' ? { level: scope.kind, code: scope.code } : undefined,
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
    // 登録者数 from the ledger as of the period's end, the city's wards counted with it
    const ledger = await this.registrations.countByMunicipality(status.flatMap((m) => m.codes), { asOf: filter.asOf });
    const registered = new Map(status.map((m) => [m.code, ledger.filter((l) => m.codes.includes(l.municipalityCode)).reduce((a, l) => a + l.registered, 0)]));
    const registrantsAvailable = [...registered.values()].some((n) => n > 0);
    const t = this.env.REPORT_SUPPRESS_BELOW;
    const duration = (d: DurationRow, n: ReportCount): DurationStats => {
      const hidden = d.n < t; // a median over fewer than t requests is someone's own figure
      return { n, medianMinutes: hidden ? null : round1(d.median), p90Minutes: hidden ? null : round1(d.p90) };
    };

    // every count as a cell, with the sums the tables publish between them, then suppression over all at once
    const cells = new ReportCells(t);
    const monthIds = months(period);
    const countOf = (rows: { key: string; n: number }[], key: string) => rows.filter((r) => r.key === key).reduce((a, r) => a + r.n, 0);
    const byMonth = monthIds.map((month) => req.byMonth.filter((r) => r.month === month).map((r) => ({ key: r.outcome, n: r.n })));
    monthIds.forEach((month, i) => {
      const parts = OUTCOMES.map((o) => cells.add(`month:${month}:${o}`, countOf(byMonth[i], o)));
      cells.sum(cells.add(`month:${month}`, byMonth[i].reduce((a, r) => a + r.n, 0)), parts);
    });
    const outcomes = OUTCOMES.map((o) => cells.add(`outcome:${o}`, byMonth.reduce((a, rows) => a + countOf(rows, o), 0)));
    const total = cells.add('requests', byMonth.reduce((a, rows) => a + rows.reduce((b, r) => b + r.n, 0), 0));
    OUTCOMES.forEach((o, j) => cells.sum(outcomes[j], monthIds.map((m) => `month:${m}:${o}`)));
    cells.sum(total, outcomes);
    cells.sum(total, monthIds.map((m) => `month:${m}`));
    cells.sum(total, Object.values(Urgency).map((u) => cells.add(`urgency:${u}`, countOf(req.byUrgency, u))));
    for (const n of REPORT_NEEDS) cells.add(`need:${n}`, countOf(req.byNeed, n));
    // placements: by outcome, by service type (with their nights), by the persons' municipality, and as the time to placement's n
    const types = [...req.byServiceType].sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
    const placements = cells.add('placements', types.reduce((a, r) => a + r.n, 0));
    const nights = cells.add('nights', types.reduce((a, r) => a + r.nights, 0));
    cells.follow(nights, placements);
    cells.sum(placements, ['placed_municipality', 'placed_region', 'placed_prefecture'].map((o) => `outcome:${o}`));
    cells.sum(placements, types.map((r) => cells.add(`type:${r.key}`, r.n)));
    cells.sum(nights, types.map((r) => cells.add(`type:${r.key}:nights`, r.nights)));
    for (const r of types) cells.follow(`type:${r.key}:nights`, `type:${r.key}`);
    cells.sum(placements, status.map((m) => cells.add(`status:${m.code}`, countOf(req.placedByCity, m.code))));
    cells.add('toPlacement', req.toPlacement.n);
    cells.sum(placements, ['toPlacement']);
    for (const [id, d] of [['toFirstOffer', req.toFirstOffer], ['toAnswer', req.toAnswer], ['toAcknowledge', req.toAcknowledge]] as const) cells.add(id, d.n);
    for (const need of REPORT_NEEDS) for (const l of LEVELS) cells.add(`unmet:${need}:${l}`, req.unmetByNeed.filter((r) => r.need === need && r.level === l).reduce((a, r) => a + r.n, 0));
    req.unmetStatements.forEach((s, i) => cells.add(`statement:${i}`, s.n));
    const providers = groupReasons(req.declinesByProvider, (r) => r.organisationId);
    for (const [first, rows] of providers) {
      const id = `decline:${first.organisationId}`;
      cells.sum(cells.add(id, rows.reduce((a, r) => a + r.n, 0)), REASONS.map((x) => cells.add(`${id}:${x}`, countOf(rows.map((r) => ({ key: r.reason, n: r.n })), x))));
    }
    for (const category of Object.values(DisabilityCategory)) {
      const rows = req.declinesByCategory.filter((r) => r.category === category).map((r) => ({ key: r.reason, n: r.n }));
      const id = `declineCategory:${category}`;
      cells.sum(cells.add(id, rows.reduce((a, r) => a + r.n, 0)), REASONS.map((x) => cells.add(`${id}:${x}`, countOf(rows, x))));
    }
    for (const r of req.contracted) {
      for (const f of ['requests', 'placedWithIt', 'declined', 'notPlacedWithIt'] as const) cells.add(`contracted:${r.organisationId}:${f}`, r[f]);
    }
    cells.add('trialPersons', trial.persons);
    cells.follow(cells.add('trialNights', trial.nights), 'trialPersons');
    for (const h of trial.byHome) {
      cells.add(`trial:${h.organisationId}`, h.persons);
      cells.follow(cells.add(`trial:${h.organisationId}:nights`, h.nights), `trial:${h.organisationId}`);
    }
    cells.sum('trialNights', trial.byHome.map((h) => `trial:${h.organisationId}:nights`));
    cells.add('waiting', trial.waiting.length);
    for (const [code, n] of registered) cells.add(`registrants:${code}`, n);
    const c = (id: string) => cells.get(id);
    const record = <K extends string>(keys: readonly K[], id: (k: K) => string) => Object.fromEntries(keys.map((k) => [k, c(id(k))])) as Record<K, ReportCount>;

    return {
      scope: { kind: scope.kind, code: scope.code, name: scope.name },
      period: { from: period.from, to: period.to, fiscalYear: period.fiscalYear, label: period.label },
      suppressBelow: t,
      registrantsAvailable,
      requests: {
        total: c(total),
        byMonth: monthIds.map((month) => ({ month, outcomes: record(OUTCOMES, (o) => `month:${month}:${o}`), total: c(`month:${month}`) })),
        byOutcome: record(OUTCOMES, (o) => `outcome:${o}`),
        byUrgency: record(Object.values(Urgency), (u) => `urgency:${u}`),
        byNeed: record(REPORT_NEEDS, (n) => `need:${n}`),
        toFirstOffer: duration(req.toFirstOffer, c('toFirstOffer')),
        toPlacement: duration(req.toPlacement, c('toPlacement')),
        placementsByServiceType: types.map((r) => ({ serviceType: r.key, placements: c(`type:${r.key}`), nights: c(`type:${r.key}:nights`) })),
        placements: c(placements),
        nightsPlaced: c(nights),
      },
      failures: {
        unplaced: c('outcome:unplaced'),
        unmetByNeed: REPORT_NEEDS.map((need) => ({ need, levels: record(LEVELS, (l) => `unmet:${need}:${l}`) })).filter((row) => LEVELS.some((l) => row.levels[l] !== 0)),
        statements: req.unmetStatements.map((s, i) => {
          const view = { level: s.level, areaName: s.areaName, categories: s.categories, child: s.child, specialNeeds: s.specialNeeds, count: c(`statement:${i}`) };
          return { ...view, sentence: unmetNeedSentence(view, t) };
        }),
        declinesByProvider: providers.map(([first]) => ({
          organisationId: first.organisationId,
          organisationName: first.organisationName,
          reasons: record(REASONS, (x) => `decline:${first.organisationId}:${x}`),
          total: c(`decline:${first.organisationId}`),
        })),
        declinesByCategory: Object.values(DisabilityCategory).map((category) => ({
          category,
          reasons: record(REASONS, (x) => `declineCategory:${category}:${x}`),
          total: c(`declineCategory:${category}`),
        })),
        contracted: req.contracted.map((r) => ({
          organisationId: r.organisationId,
          organisationName: r.organisationName,
          requests: c(`contracted:${r.organisationId}:requests`),
          placedWithIt: c(`contracted:${r.organisationId}:placedWithIt`),
          declined: c(`contracted:${r.organisationId}:declined`),
          notPlacedWithIt: c(`contracted:${r.organisationId}:notPlacedWithIt`),
        })),
      },
      engagement: {
        asOf: filter.asOf.toISOString(),
        units: eng.units,
        confirmedWithin24h: eng.units ? eng.fresh / eng.units : null,
        medianVacancyAgeHours: round1(eng.medianAgeHours),
        providersNeverUpdating: eng.neverUpdating,
        toAnswer: duration(req.toAnswer, c('toAnswer')),
        answeredShare: req.toAnswer.told ? req.toAnswer.n / req.toAnswer.told : null,
        toAcknowledge: duration(req.toAcknowledge, c('toAcknowledge')),
        acknowledgedShare: req.toAcknowledge.told ? req.toAcknowledge.n / req.toAcknowledge.told : null,
      },
      trialStays: {
        nights: c('trialNights'),
        persons: c('trialPersons'),
        byHome: trial.byHome.map((h) => ({ organisationId: h.organisationId, organisationName: h.organisationName, nights: c(`trial:${h.organisationId}:nights`), persons: c(`trial:${h.organisationId}`) })),
        waitingList: {
          length: c('waiting'),
          medianWaitingDays: trial.waiting.length < t ? null : round1(trial.waiting.medianDays),
          longestWaitingDays: trial.waiting.length < t ? null : trial.waiting.longestDays,
        },
      },
      status: status.map((m) => ({
        municipalityCode: m.code,
        municipalityName: m.name,
        registrants: registrantsAvailable ? c(`registrants:${m.code}`) : null,
        emergencyProtections: c(`status:${m.code}`),
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
      throw new AppException(ErrorCode.VersionConflict, ReportTexts.textSavedFirst, [], { current: view });
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
    if (!ok) throw new AppException(ErrorCode.VersionConflict, ReportTexts.factsSavedFirst, [], { current: view });
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
    if (!row) throw AppException.notFound(Things.region);
    return { ...row, updatedAt: row.updatedAt?.toISOString() ?? null };
  }

  /** The region's agreement to share figures among its municipalities: set by an admin, recorded in the audit log. */
  async setRegionSharing(auth: AuthUser, regionId: string, shared: boolean): Promise<RegionSharingView> {
    if (!(await this.settings.region(regionId))) throw AppException.notFound(Things.region);
    await this.db.transaction(async (tx) => {
      await this.settings.setRegionSharing(regionId, shared, auth.userId, tx);
      await this.audit.record({ actor: auth, action: 'report.region_sharing.write', subjectType: 'region', subjectId: regionId, detail: { shared } }, tx);
    });
    return this.regionSharing(auth, regionId);
  }

  private async writableScope(auth: AuthUser, q: Pick<ReportQueryDto, 'scope' | 'code'>): Promise<ResolvedScope> {
    const scope = await this.scopes.resolve(auth, q.scope, q.code);
    const own = auth.role === 'admin' || (auth.role === 'municipal_officer' && scope.kind === 'municipality') || (auth.role === 'coordinator' && scope.kind === 'centre');
    if (!own) throw AppException.forbidden(ReportTexts.notOwnArea);
    return scope;
  }

  private period(q: ReportQueryDto): ReportPeriod {
    const p = reportPeriod(q);
    if (!p) throw AppException.invalidField('from', 'period', ReportTexts.period);
    return p;
  }

  private fiscalYear(q: ReportQueryDto): number {
    if (q.fiscalYear === undefined) throw AppException.invalidField('fiscalYear', 'required', ReportTexts.fiscalYearRequired);
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
