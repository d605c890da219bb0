import { Injectable } from '@nestjs/common';
import { ZoomSimErrorCode } from '../scim-http/zoom-sim.exception';
import type { Faults } from './faults.schema';
import { seededRandom } from './seeded-random.rules';

interface ActiveFaults {
  faults: Faults;
  random: () => number;
}

const INJECTED: Record<Faults['errorStatus'], ZoomSimErrorCode> = {
  500: ZoomSimErrorCode.INJECTED_500,
  502: ZoomSimErrorCode.INJECTED_502,
  503: ZoomSimErrorCode.INJECTED_503,
};

/** The failures currently injected per account, with a reproducible draw for the error rate. */
@Injectable()
export class FaultsService {
  private readonly active = new Map<string, ActiveFaults>();

  set(accountId: string, faults: Faults): void {
    const seed = faults.seed ?? Math.floor(Math.random() * 2 ** 32);
    this.active.set(accountId, { faults, random: seededRandom(seed) });
  }

  get(accountId: string): Faults | undefined {
    return this.active.get(accountId)?.faults;
  }

  /** Draws once: the error to answer instead of handling the call, if this call is one to fail. */
  injectedError(accountId: string): ZoomSimErrorCode | undefined {
    const entry = this.active.get(accountId);
    if (entry === undefined || entry.faults.errorRate === 0) {
      return undefined;
    }
    return entry.random() < entry.faults.errorRate ? INJECTED[entry.faults.errorStatus] : undefined;
  }

  clear(accountId: string): void {
    this.active.delete(accountId);
  }

  clearAll(): void {
    this.active.clear();
  }
}
