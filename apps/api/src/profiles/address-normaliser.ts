import { Injectable, Logger } from '@nestjs/common';
import type { NormalisedAddress } from '@akiwa/contracts';

/** The fields of the library's NormalizeResult read here. */
interface GeoloniaResult {
  pref?: string;
  city?: string;
  town?: string;
  addr?: string;
  other?: string;
  level?: number;
}

/** How long a save waits for the normaliser before keeping the address as typed. */
const NORMALISE_TIMEOUT_MS = 3000;

/**
 * Reads a Japanese address into prefecture / city / town / rest with
 * @geolonia/normalize-japanese-addresses. That library downloads its address data (the
 * japanese-addresses API) at run time: without network access it fails, and the address is then
 * kept as typed with no normalised form (null) — a save never fails because of it.
 */
@Injectable()
export class AddressNormaliser {
  private readonly log = new Logger(AddressNormaliser.name);

  async normalise(address: string): Promise<NormalisedAddress | null> {
    if (!address.trim()) return null;
    try {
      // by a name the compiler does not resolve: without the package installed the address is kept as typed
      const name = '@geolonia/normalize-japanese-addresses';
      const { normalize } = (await import(name)) as { normalize: (address: string) => Promise<GeoloniaResult> };
      const result = await Promise.race([
        normalize(address),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), NORMALISE_TIMEOUT_MS).unref()),
      ]);
      return { pref: result.pref ?? '', city: result.city ?? '', town: result.town ?? '', rest: `${result.addr ?? ''}${result.other ?? ''}`, level: result.level ?? 0 };
    } catch (e) {
      this.log.warn(`address not normalised (kept as typed): ${(e as Error).message}`);
      return null;
    }
  }
}
