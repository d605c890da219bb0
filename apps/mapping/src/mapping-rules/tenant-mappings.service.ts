import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { BridgeLogger } from '@bridge/observability';
import { TenantService, type TenantDirectory } from '@bridge/tenancy';
import { DEFAULT_RULES } from './default-mapping.rules';
import type { CompiledMapping } from './mapping-rule.model';
import { MappingErrorCode, MappingException } from './mapping-rules.exception';
import { compileMapping, describeRuleIssues } from './tenant-mapping.rules';

interface TenantRules {
  /** The rules as written, to tell whether a reload changed them. */
  written: string;
  mapping: CompiledMapping;
}

/**
 * Each tenant's compiled mapping. Invalid rules stop the service at start; at a reload they are
 * refused for that tenant only, which keeps its previous rules, so one admin's typo neither
 * stops the service nor changes what another tenant's users get.
 */
@Injectable()
export class TenantMappingsService implements OnModuleInit, OnModuleDestroy {
  private readonly compiled = new Map<string, TenantRules>();
  /** Why a tenant has no rules yet (it arrived at a reload with invalid ones). */
  private readonly refused = new Map<string, string>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly tenants: TenantService,
    private readonly logger: BridgeLogger,
  ) {}

  onModuleInit(): void {
    const problems = this.compileChanged(this.tenants.directory());
    if (problems.length > 0) {
      throw new MappingException(MappingErrorCode.INVALID_RULES, `invalid mapping rules in the tenant registry:\n${problems.join('\n')}`);
    }
    this.unsubscribe = this.tenants.onChange((next) => this.reload(next));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** The mapping in force for a tenant; throws `MappingException` when it has none. */
  forTenant(tenantId: string): CompiledMapping {
    const rules = this.compiled.get(tenantId);
    if (rules !== undefined) {
      return rules.mapping;
    }
    const refused = this.refused.get(tenantId);
    if (refused !== undefined) {
      throw new MappingException(MappingErrorCode.RULES_UNAVAILABLE, `tenant ${tenantId} has no valid mapping rules yet: ${refused}`);
    }
    throw new MappingException(MappingErrorCode.UNKNOWN_TENANT, `tenant ${tenantId} is not in the tenant registry`);
  }

  private reload(next: TenantDirectory): void {
    const problems = this.compileChanged(next);
    for (const problem of problems) {
      this.logger.error('mapping rules change refused; the tenant keeps its previous rules', { error: problem });
    }
    const present = new Set(next.list().map((tenant) => tenant.id));
    [...this.compiled.keys()].filter((id) => !present.has(id)).forEach((id) => this.compiled.delete(id));
  }

  /** Compiles every tenant whose rules changed; returns one message per tenant whose rules were refused. */
  private compileChanged(directory: TenantDirectory): string[] {
    const problems: string[] = [];
    directory.list().forEach((tenant, index) => {
      const written = JSON.stringify(tenant.mappings);
      if (this.compiled.get(tenant.id)?.written === written) {
        return;
      }
      const result = compileMapping(tenant.mappings, DEFAULT_RULES);
      if (!result.ok) {
        const message = describeRuleIssues(tenant.id, index, result.issues, directory.source);
        problems.push(message);
        if (!this.compiled.has(tenant.id)) {
          this.refused.set(tenant.id, message);
        }
        return;
      }
      const reloaded = this.compiled.has(tenant.id);
      this.compiled.set(tenant.id, { written, mapping: result.mapping });
      this.refused.delete(tenant.id);
      if (reloaded) {
        this.logger.info('mapping rules reloaded', { tenantId: tenant.id, rules: tenant.mappings.length });
      }
    });
    return problems;
  }
}
