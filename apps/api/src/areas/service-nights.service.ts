import { Injectable } from '@nestjs/common';
import { serviceNight } from '@akiwa/domain';
import { Clock } from '../common/time/clock';
import { AreaDirectory } from './area-directory.service';

/**
 * 「今夜」 as the API decides it: the service night in progress at the injected clock's now, with the
 * night cutoff of the place concerned (a unit's or a request's municipality, by its region).
 */
@Injectable()
export class ServiceNights {
  constructor(
    private readonly clock: Clock,
    private readonly areas: AreaDirectory,
  ) {}

  /** Tonight where `municipality` is (a code, or a lookup run only when regions' cutoffs differ). */
  async tonight(municipality?: string | null | (() => Promise<string | null | undefined>)): Promise<string> {
    return serviceNight(this.clock.now(), await this.areas.nightCutoff(municipality));
  }
}
