import { Controller, Get, Inject, Param, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { ScimError, listResponse } from '@bridge/scim';
import { OKTA_INGEST_CONFIG, type OktaIngestConfig } from '../app.config';
import { InboundRateLimitGuard } from '../inbound-rate-limit/inbound-rate-limit.guard';
import { ScimAuthGuard } from '../scim-auth/scim-auth.guard';
import { scimBaseUrl } from '../scim-http/scim-base-url';
import { resourceTypeDocuments, schemaDocuments, serviceProviderConfig } from './discovery.documents';

@Controller('scim/v2')
@UseGuards(ScimAuthGuard, InboundRateLimitGuard)
export class DiscoveryController {
  constructor(@Inject(OKTA_INGEST_CONFIG) private readonly config: OktaIngestConfig) {}

  @Get('ServiceProviderConfig')
  serviceProviderConfig(@Req() request: Request) {
    return serviceProviderConfig(this.baseUrl(request), this.config.SCIM_MAX_BODY_BYTES);
  }

  @Get('ResourceTypes')
  resourceTypes(@Req() request: Request) {
    const documents = resourceTypeDocuments(this.baseUrl(request));
    return listResponse(documents, documents.length, 1);
  }

  @Get('ResourceTypes/:id')
  resourceType(@Req() request: Request, @Param('id') id: string) {
    return one(resourceTypeDocuments(this.baseUrl(request)), id, 'resource type');
  }

  @Get('Schemas')
  schemas(@Req() request: Request) {
    const documents = schemaDocuments(this.baseUrl(request));
    return listResponse(documents, documents.length, 1);
  }

  @Get('Schemas/:id')
  schema(@Req() request: Request, @Param('id') id: string) {
    return one(schemaDocuments(this.baseUrl(request)), id, 'schema');
  }

  private baseUrl(request: Request): string {
    return scimBaseUrl(request, this.config.PUBLIC_BASE_URL);
  }
}

function one(documents: Record<string, unknown>[], id: string, what: string): Record<string, unknown> {
  const found = documents.find((document) => String(document['id']).toLowerCase() === id.toLowerCase());
  if (found === undefined) {
    throw new ScimError(404, `No ${what} ${id}; see ${what === 'schema' ? '/Schemas' : '/ResourceTypes'} for the list.`);
  }
  return found;
}
