import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import type { AuditQuery } from '@akiwa/contracts';
import { PaginationQuery } from '../common/http/pagination.dto';

export class AuditQueryDto extends PaginationQuery implements AuditQuery {
  @ApiPropertyOptional({ example: 'trial_person' }) @IsOptional() @Matches(/^[a-z_]{1,40}$/) subjectType?: string;
  @ApiPropertyOptional({ description: 'The person, request, user… concerned' }) @IsOptional() @MaxLength(64) @Matches(/^[\w-]+$/) subjectId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() organisationId?: string;
  @ApiPropertyOptional({ example: 'person.read', description: 'An action, or a family (`person`)' }) @IsOptional() @Matches(/^[a-z_]{1,40}(\.[a-z_]{1,40})?$/) action?: string;
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Inclusive' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(/^\d{4}-/) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Exclusive' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(/^\d{4}-/) to?: string;
}

export class AuditExportQueryDto extends AuditQueryDto {}
