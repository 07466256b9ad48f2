import { Injectable } from '@nestjs/common';
import { AreaDirectory, type AreaScope } from '../areas/area-directory.service';
import { AppException } from '../common/errors/app.exception';
import { areaProblem } from '../vacancies/vacancy-search.service';
import type { FeedCaller } from './api-keys.service';
import type { FeedAreaQuery } from './feed.dto';
import { FeedTexts } from '../common/errors/texts';

const outside = () => AppException.forbidden(FeedTexts.outsideArea);

/** The area a feed request reads: inside the key's prefecture, or refused (403). */
@Injectable()
export class FeedScope {
  constructor(private readonly areas: AreaDirectory) {}

  async of(caller: FeedCaller, q: FeedAreaQuery): Promise<AreaScope & { municipalityCode?: string }> {
    if (q.prefectureCode && q.prefectureCode !== caller.prefectureCode) throw outside();
    const area = { prefectureCode: caller.prefectureCode, regionId: q.regionId, municipalityCode: q.municipalityCode };
    const problem = await this.areas.check(area);
    if (problem?.code === 'outside') throw outside();
    if (problem) throw areaProblem(problem.field, problem.code);
    // the most specific level given bounds the feed; every municipality in it alike (distance is the board's ranking, not the feed's)
    const narrowest = area.municipalityCode ? { municipalityCode: area.municipalityCode } : area.regionId ? { regionId: area.regionId } : { prefectureCode: area.prefectureCode };
    const { codes } = await this.areas.scope(narrowest);
    return { codes, distances: codes.map(() => 0), municipalityCode: q.municipalityCode };
  }

  /** The night cutoff (minutes after midnight, Japan time) of a municipality's region. */
  async cutoff(municipalityCode: string): Promise<number> {
    return this.areas.nightCutoff(municipalityCode);
  }
}
