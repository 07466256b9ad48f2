import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  BaseType,
  ReportChapter,
  ReportScopeKind,
  ReportSection,
  type ReportQuery,
  type SaveBaseFactsRequest,
  type SaveReportTextRequest,
} from '@akiwa/contracts';
import { IsNight } from '../vacancies/vacancy.dto';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value);

export class ReportQueryDto implements ReportQuery {
  @ApiPropertyOptional({ enum: Object.values(ReportScopeKind), description: "Default: the officer's municipality, the coordinator's centre" })
  @IsOptional() @IsIn(Object.values(ReportScopeKind)) scope?: ReportScopeKind;

  @ApiPropertyOptional({ description: 'Municipality code, region id, prefecture code or centre id' })
  @IsOptional() @IsString() @Matches(/^[\w-]{2,40}$/) code?: string;

  @ApiPropertyOptional({ example: 2025, description: '年度: April of this year to March of the next' })
  @IsOptional() @Transform(toInt) @IsInt() @Min(2000) @Max(2100) fiscalYear?: number;

  @ApiPropertyOptional({ example: '2025-04-01' }) @IsOptional() @IsNight() from?: string;
  @ApiPropertyOptional({ example: '2026-04-01', description: 'Exclusive' }) @IsOptional() @IsNight() to?: string;
}

export class ReportTextParams {
  @ApiProperty({ enum: Object.values(ReportChapter) }) @IsIn(Object.values(ReportChapter)) chapter!: ReportChapter;
  @ApiProperty({ enum: Object.values(ReportSection) }) @IsIn(Object.values(ReportSection)) section!: ReportSection;
}

export class SaveReportTextDto implements SaveReportTextRequest {
  @ApiProperty() @IsString() @MaxLength(20000) body!: string;
  @ApiProperty({ description: '0 for a text never saved' }) @IsInt() @Min(0) version!: number;
}

export class SaveBaseFactsDto implements SaveBaseFactsRequest {
  @ApiProperty({ enum: Object.values(BaseType), nullable: true }) @ValidateIf((_, v) => v !== null) @IsIn(Object.values(BaseType)) baseType!: BaseType | null;
  @ApiProperty() @IsString() @MaxLength(200) coordinatorStaffing!: string;
  @ApiProperty({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsBoolean() shelter!: boolean | null;
  @ApiProperty({ description: '0 for facts never saved' }) @IsInt() @Min(0) version!: number;
}

export class FactsParams {
  @ApiProperty() @Matches(/^\d{5}$/) municipalityCode!: string;
  @ApiProperty() @Transform(toInt) @IsInt() @Min(2000) @Max(2100) fiscalYear!: number;
}

export class SetRegionSharingDto {
  @ApiProperty() @IsBoolean() shared!: boolean;
}
