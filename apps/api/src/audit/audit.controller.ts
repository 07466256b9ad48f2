import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import { Auth } from '../common/auth/auth.decorators';
import { AuditIntegrity } from './audit-integrity.service';

@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(private readonly integrity: AuditIntegrity) {}

  /** The last scheduled check of the audit chain and its seals; a break stays reported. */
  @Auth(Role.Admin)
  @Get('admin/audit/integrity')
  integrityStatus() {
    return this.integrity.status;
  }
}
