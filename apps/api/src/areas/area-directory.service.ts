import { Injectable } from '@nestjs/common';
import { Rooms } from '@akiwa/contracts';
import { DEFAULT_NIGHT_CUTOFF_MINUTES } from '@akiwa/domain';
import { AreaDirectoryRepository, type RegionRow } from './area-directory.repository';

export interface AreaMunicipality {
  code: string;
  prefectureCode: string;
  regionId: string | null;
  parentCode: string | null;
  /** 夜間の区切り of its region (minutes after midnight); the default outside any region. */
  nightCutoffMinutes: number;
}

/** One searched area: the widest level bounds the results, the most specific one anchors the distance. */
export interface AreaQuery {
  prefectureCode?: string;
  regionId?: string;
  municipalityCode?: string;
}

export interface AreaScope {
  /** Municipality codes inside the area, with their distance from the anchor (0 municipality, 1 region, 2 prefecture). */
  codes: string[];
  distances: number[];
}

export type AreaProblem = { field: keyof AreaQuery; code: 'unknown' | 'outside' } | { field: 'area'; code: 'required' };

/**
 * The geography as an in-memory directory. It is reference data changed only by migrations (never at
 * run time), so it is read once, and area rooms and search scopes cost no query on the hot paths.
 */
@Injectable()
export class AreaDirectory {
  private loaded?: Promise<Directory>;

  constructor(private readonly repo: AreaDirectoryRepository) {}

  private directory(): Promise<Directory> {
    this.loaded ??= Promise.all([this.repo.municipalities(), this.repo.regions(), this.repo.prefectureCodes()]).then(
        ([municipalities, regions, prefectures]) => new Directory(municipalities, regions, prefectures),
        (e) => {
          this.loaded = undefined;
          throw e;
        },
      );
    return this.loaded;
  }

  /**
   * The night cutoff of a municipality's region. `lookup` finds the municipality only when regions
   * differ: while every region keeps one cutoff (the usual case) the hot paths cost no query.
   */
  async nightCutoff(lookup: string | null | undefined | (() => Promise<string | null | undefined>)): Promise<number> {
    const dir = await this.directory();
    if (dir.cutoffs.size <= 1) return dir.cutoffs.values().next().value ?? DEFAULT_NIGHT_CUTOFF_MINUTES;
    const code = typeof lookup === 'function' ? await lookup() : lookup;
    return (code ? dir.byCode.get(code)?.nightCutoffMinutes : undefined) ?? DEFAULT_NIGHT_CUTOFF_MINUTES;
  }

  async municipality(code: string): Promise<AreaMunicipality | undefined> {
    return (await this.directory()).byCode.get(code);
  }

  /**
   * Rooms that hear about a unit: its municipality, the parent city of a ward, its region, its
   * prefecture, and the owning organisation (so colleagues see each other's changes).
   */
  async roomsForUnit(organisationId: string, municipalityCodes: string | string[]): Promise<string[]> {
    const dir = await this.directory();
    const rooms = new Set<string>([Rooms.organisation(organisationId)]);
    for (const code of ([] as string[]).concat(municipalityCodes)) {
      const m = dir.byCode.get(code);
      if (!m) continue;
      rooms.add(Rooms.municipality(m.code));
      if (m.parentCode) rooms.add(Rooms.municipality(m.parentCode));
      if (m.regionId) rooms.add(Rooms.region(m.regionId));
      rooms.add(Rooms.prefecture(m.prefectureCode));
    }
    return [...rooms];
  }

  /** Validates an area (codes exist and nest inside each other). */
  async check(area: AreaQuery): Promise<AreaProblem | null> {
    const dir = await this.directory();
    const { prefectureCode: p, regionId: r, municipalityCode: m } = area;
    if (!p && !r && !m) return { field: 'area', code: 'required' };
    if (p && !dir.prefectures.has(p)) return { field: 'prefectureCode', code: 'unknown' };
    if (r && !dir.regions.has(r)) return { field: 'regionId', code: 'unknown' };
    const muni = m ? dir.byCode.get(m) : undefined;
    if (m && !muni) return { field: 'municipalityCode', code: 'unknown' };
    if (r && p && dir.regions.get(r) !== p) return { field: 'regionId', code: 'outside' };
    if (muni && r && muni.regionId !== r) return { field: 'municipalityCode', code: 'outside' };
    if (muni && p && muni.prefectureCode !== p) return { field: 'municipalityCode', code: 'outside' };
    return null;
  }

  /**
   * The municipalities of a (checked) area with their distance from its most specific level:
   * `municipalityCode=43213&prefectureCode=43` is "Uki City first, then its region, then the rest of
   * Kumamoto" — the widening of seed 000 step ⑥. A city code includes its wards.
   */
  async scope(area: AreaQuery): Promise<AreaScope> {
    const dir = await this.directory();
    const anchor = area.municipalityCode ? dir.byCode.get(area.municipalityCode) : undefined;
    const anchorRegion = anchor ? anchor.regionId : (area.regionId ?? null);
    const codes: string[] = [];
    const distances: number[] = [];
    for (const m of dir.byCode.values()) {
      const inScope = area.prefectureCode
        ? m.prefectureCode === area.prefectureCode
        : area.regionId
          ? m.regionId === area.regionId
          : m.code === area.municipalityCode || m.parentCode === area.municipalityCode;
      if (!inScope) continue;
      codes.push(m.code);
      distances.push(
        anchor && (m.code === anchor.code || m.parentCode === anchor.code) ? 0 : anchorRegion && m.regionId === anchorRegion ? 1 : 2,
      );
    }
    return { codes, distances };
  }

  /** The one room of a board's subscription (the most specific level given). */
  roomFor(area: AreaQuery): string {
    if (area.municipalityCode) return Rooms.municipality(area.municipalityCode);
    if (area.regionId) return Rooms.region(area.regionId);
    return Rooms.prefecture(area.prefectureCode!);
  }
}

class Directory {
  readonly byCode = new Map<string, AreaMunicipality>();
  readonly prefectures = new Set<string>();
  readonly regions = new Map<string, string>();
  /** The distinct night cutoffs in use. */
  readonly cutoffs = new Set<number>();

  constructor(municipalities: AreaMunicipality[], regions: RegionRow[], prefectureCodes: string[]) {
    for (const m of municipalities) {
      this.byCode.set(m.code, m);
      this.cutoffs.add(m.nightCutoffMinutes);
    }
    for (const r of regions) this.regions.set(r.id, r.prefectureCode);
    for (const code of prefectureCodes) this.prefectures.add(code);
  }
}
