import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { CreateWebhookRequest } from '@akiwa/contracts';

export class CreateWebhookDto implements CreateWebhookRequest {
  @ApiProperty({ example: 'https://hooks.example.jp/akiwa' }) @IsString() @MaxLength(2000) url!: string;
  @ApiPropertyOptional({ example: '県 医療情報システム' }) @IsOptional() @IsString() @MaxLength(100) name?: string;
  @ApiPropertyOptional({ example: '43', description: 'Exactly one of prefectureCode, regionId, municipalityCode' }) @IsOptional() @Matches(/^\d{2}$/) prefectureCode?: string;
  @ApiPropertyOptional({ example: '43-uki' }) @IsOptional() @Matches(/^[\w-]{1,40}$/) regionId?: string;
  @ApiPropertyOptional({ example: '43213' }) @IsOptional() @Matches(/^\d{5}$/) municipalityCode?: string;
}
