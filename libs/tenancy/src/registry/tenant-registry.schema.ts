import { z } from 'zod';
import { findRegistryConflicts } from './tenant-registry.rules';
import { auditorSchema, tenantSchema } from './tenant.schema';

export const tenantRegistrySchema = z
  .strictObject({
    platformAuditors: z.array(auditorSchema).default([]),
    // An emptied registry would turn every request away, so it is treated as a mistake.
    tenants: z.array(tenantSchema).min(1, 'declare at least one tenant'),
  })
  .superRefine((registry, ctx) => {
    for (const conflict of findRegistryConflicts(registry)) {
      ctx.addIssue({ code: 'custom', path: conflict.path, message: conflict.message, input: registry });
    }
  });

export type TenantRegistry = z.infer<typeof tenantRegistrySchema>;
/** What a registry file may contain before defaults are applied. */
export type TenantRegistryInput = z.input<typeof tenantRegistrySchema>;
export type PlatformAuditorConfig = TenantRegistry['platformAuditors'][number];
