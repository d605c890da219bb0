import { Controller, Get } from '@nestjs/common';
import { Public } from '@bridge/observability';
import { AUDIT_OPENAPI } from './audit-openapi.document';

/** The API description is public: it holds no data, and SIEM tooling fetches it before it has a token. */
@Controller('api/v1/audit')
@Public()
export class OpenApiController {
  @Get('openapi.json')
  document(): typeof AUDIT_OPENAPI {
    return AUDIT_OPENAPI;
  }
}
