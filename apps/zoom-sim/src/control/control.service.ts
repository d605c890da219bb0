import { ConflictException, Inject, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { CallLogService, type CallStats, type CallView } from '../call-log/call-log.service';
import type { Faults } from '../faults/faults.schema';
import { FaultsService } from '../faults/faults.service';
import { AccessTokenService } from '../oauth/access-token.service';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import type { AccountConfig, AccountDefinition, AccountSeed } from '../state/account-config.schema';
import { AccountConflictException } from '../state/account-conflict.exception';
import type { SimAccount } from '../state/sim-state.model';
import { SimStateService } from '../state/sim-state.service';
import { AccountSeedService, type SeedResult } from './account-seed.service';
import { toAccountSnapshot, toAccountSummary } from './account-snapshot.mapper';

/** The accounts (with seeds) the simulator starts with and returns to on reset. */
export const DEFAULT_ACCOUNTS = Symbol('DEFAULT_ACCOUNTS');

/** What the control API does: define accounts, seed them, inject faults, and read back state and calls. */
@Injectable()
export class ControlService implements OnModuleInit {
  constructor(
    @Inject(DEFAULT_ACCOUNTS) private readonly defaults: readonly AccountDefinition[],
    private readonly state: SimStateService,
    private readonly seeder: AccountSeedService,
    private readonly tokens: AccessTokenService,
    private readonly faults: FaultsService,
    private readonly rateLimits: RateLimitService,
    private readonly callLog: CallLogService,
  ) {}

  onModuleInit(): void {
    this.reset();
  }

  /** Back to the start-up accounts and seeds: no other accounts, tokens, faults, counters or calls. */
  reset(): string[] {
    this.state.clear();
    this.tokens.clear();
    this.faults.clearAll();
    this.rateLimits.clear();
    this.callLog.clear();
    for (const definition of this.defaults) {
      const account = this.putAccount(definition.account);
      if (definition.seed !== undefined) {
        this.seeder.seed(account, definition.seed);
      }
    }
    return this.defaults.map((definition) => definition.account.id);
  }

  /** Creates or replaces an account; a replaced account starts empty, with new counters and no tokens. */
  putAccount(config: AccountConfig): SimAccount {
    let account: SimAccount;
    try {
      account = this.state.putAccount(config);
    } catch (error) {
      if (error instanceof AccountConflictException) {
        throw new ConflictException(error.message);
      }
      throw error;
    }
    this.forgetRuntime(config.id);
    return account;
  }

  removeAccount(id: string): void {
    this.accountOf(id);
    this.state.removeAccount(id);
    this.forgetRuntime(id);
  }

  listAccounts(): Record<string, unknown>[] {
    return [...this.state.allAccounts()].map((account) => toAccountSummary(account.config));
  }

  seed(id: string, seed: AccountSeed): SeedResult {
    return this.seeder.seed(this.accountOf(id), seed);
  }

  setFaults(id: string, faults: Faults): Faults {
    this.accountOf(id);
    this.faults.set(id, faults);
    if (faults.revokeTokens) {
      this.tokens.revokeAll(id);
    }
    return faults;
  }

  clearFaults(id: string): void {
    this.accountOf(id);
    this.faults.clear(id);
  }

  snapshot(id: string, baseUrl: string): Record<string, unknown> {
    return toAccountSnapshot(this.accountOf(id), this.faults.get(id), baseUrl);
  }

  calls(id: string, since: number, limit: number): { calls: CallView[]; lastSeq: number } {
    this.accountOf(id);
    return this.callLog.since(id, since, limit);
  }

  stats(id: string, seconds: number): CallStats {
    this.accountOf(id);
    return this.callLog.stats(id, seconds);
  }

  private accountOf(id: string): SimAccount {
    const account = this.state.account(id);
    if (account === undefined) {
      throw new NotFoundException(`no account ${id}`);
    }
    return account;
  }

  private forgetRuntime(id: string): void {
    this.tokens.revokeAll(id);
    this.faults.clear(id);
    this.rateLimits.forgetAccount(id);
    this.callLog.forgetAccount(id);
  }
}
