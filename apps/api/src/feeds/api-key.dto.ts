import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { IssueApiKeyRequest } from '@akiwa/contracts';

export class IssueApiKeyDto implements IssueApiKeyRequest {
  @ApiProperty() @IsUUID() organisationId!: string;
  @ApiProperty({ example: '熊本県 医療情報システム' }) @IsString() @Matches(/\S/) @MaxLength(100) name!: string;
}

export class ApiKeyListQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() organisationId?: string;
}
