import { Injectable } from '@nestjs/common';
import { BridgeLogger } from '../logging/bridge.logger';
import { redactBearerCredentials } from '../logging/redact-secrets';

/** Resolves when the dependency works; throws (with a reason) when it does not. */
export type ReadinessCheck = () => Promise<void>;

export type CheckResult = { status: 'up' } | { status: 'down'; error: string };

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

export const READINESS_CHECK_TIMEOUT_MS = 2000;

/** Where each module registers what must work before the service takes traffic. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  private readonly lastStatus = new Map<string, CheckResult['status']>();

  constructor(private readonly logger: BridgeLogger) {}

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) {
      throw new Error(`a readiness check named "${name}" is already registered`);
    }
    this.checks.set(name, check);
  }

  /** Runs every check at once; with no checks registered the service is ready. */
  async checkReadiness(timeoutMs = READINESS_CHECK_TIMEOUT_MS): Promise<ReadinessReport> {
    const results = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const),
    );
    results.forEach(([name, result]) => this.logChange(name, result));
    return {
      ready: results.every(([, result]) => result.status === 'up'),
      checks: Object.fromEntries(results),
    };
  }

  // Probes run every few seconds: only a change of state is worth a line.
  private logChange(name: string, result: CheckResult): void {
    const previous = this.lastStatus.get(name);
    this.lastStatus.set(name, result.status);
    if (result.status === 'down' && previous !== 'down') {
      this.logger.warn('readiness check failed', { check: name, error: result.error });
    } else if (result.status === 'up' && previous === 'down') {
      this.logger.info('readiness check recovered', { check: name });
    }
  }
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: 'up' };
  } catch (error) {
    // The reason is served on an unauthenticated endpoint, so credentials must not ride along.
    return { status: 'down', error: redactBearerCredentials(error instanceof Error ? error.message : String(error)) };
  } finally {
    clearTimeout(timer);
  }
}
