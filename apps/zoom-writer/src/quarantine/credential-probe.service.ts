import { Injectable } from '@nestjs/common';
import { TenantService } from '@bridge/tenancy';
import { ZoomCredentialsService } from '../zoom-credentials/zoom-credentials.service';
import { ZoomCallError, ZoomScimClient } from '../zoom-api/zoom-scim.client';
import { QuarantineService } from './quarantine.service';

/** The cheapest call that proves Zoom accepts a quarantined tenant's credentials again. */
@Injectable()
export class CredentialProbeService {
  constructor(
    private readonly tenants: TenantService,
    private readonly credentials: ZoomCredentialsService,
    private readonly zoom: ZoomScimClient,
    private readonly quarantine: QuarantineService,
  ) {}

  async probe(tenantId: string): Promise<void> {
    const tenant = this.tenants.directory().get(tenantId);
    if (tenant === undefined) {
      this.quarantine.release(tenantId);
      return;
    }
    // A rotated client secret must be used, not a token cached from the rejected one.
    this.credentials.forget(tenantId);
    try {
      await this.zoom.request(tenant, 'GET', '/Users?startIndex=1&count=1', 'medium');
    } catch (error) {
      if (!(error instanceof ZoomCallError)) {
        throw error;
      }
      this.quarantine.probeFailed(tenantId, { code: error.failure.code, message: error.failure.message });
      return;
    }
    this.quarantine.release(tenantId);
  }
}
