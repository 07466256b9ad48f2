import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import {
  DisabilityCategory,
  RoomGender,
  ServiceType,
  SpecialNeed,
  SUPPORT_LEVEL_MAX,
  SUPPORT_LEVEL_MIN,
  type CreateUnitRequest,
  type SetAdmissionsRequest,
  type UnitListQuery,
  type UpdateUnitRequest,
} from '@akiwa/contracts';
import { PAUSE_REASON_MAX } from '@akiwa/domain';
import { PaginationQuery } from '../common/http/pagination.dto';
import { queryBoolean } from '../common/http/query-transforms';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUnitDto implements CreateUnitRequest {
  @ApiProperty({ example: '短期入所 うきさと（併設型）' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: Object.values(ServiceType) }) @IsIn(Object.values(ServiceType)) serviceType!: ServiceType;
  @ApiProperty({ example: '43213' }) @Matches(/^\d{5}$/) municipalityCode!: string;
  @ApiProperty({ minimum: 1, maximum: 200 }) @IsInt() @Min(1) @Max(200) capacity!: number;
  @ApiProperty({ enum: Object.values(DisabilityCategory), isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(Object.values(DisabilityCategory), { each: true })
  categories!: DisabilityCategory[];
  @ApiProperty() @IsBoolean() acceptsChildren!: boolean;
  @ApiProperty({ minimum: 0, maximum: 6 }) @IsInt() @Min(SUPPORT_LEVEL_MIN) @Max(SUPPORT_LEVEL_MAX) supportLevelMin!: number;
  @ApiProperty({ minimum: 0, maximum: 6 }) @IsInt() @Min(SUPPORT_LEVEL_MIN) @Max(SUPPORT_LEVEL_MAX) supportLevelMax!: number;
  @ApiProperty({ enum: Object.values(SpecialNeed), isArray: true })
  @IsArray() @ArrayUnique() @IsIn(Object.values(SpecialNeed), { each: true })
  specialNeeds!: SpecialNeed[];
  @ApiProperty({ enum: Object.values(RoomGender) }) @IsIn(Object.values(RoomGender)) roomGender!: RoomGender;
  @ApiProperty() @IsBoolean() emergencyOk!: boolean;
  @ApiProperty() @IsBoolean() trialOk!: boolean;
  @ApiPropertyOptional({ example: '0964-00-0000（夜間は携帯 090-0000-0000）' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(200) contact24h!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note!: string;
}

export class UpdateUnitDto extends PartialType(CreateUnitDto) implements UpdateUnitRequest {
  @ApiProperty({ description: 'The version the edit is based on; an outdated one gets 409 with the current unit' })
  @IsInt() @Min(1)
  version!: number;
}

/** The end time must carry its offset (「2026-12-05T10:00:00+09:00」): a bare local time would be read in the server's zone. */
export class SetAdmissionsDto implements SetAdmissionsRequest {
  @ApiProperty({ nullable: true, example: '2026-12-05T10:00:00+09:00', description: 'Paused until (in the future, within a year); null resumes admissions' })
  @ValidateIf((o) => o.pausedUntil !== null)
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/)
  pausedUntil!: string | null;
  @ApiPropertyOptional({ example: '感染症（インフルエンザ）発生のため', description: 'Required with a pause, at most 200 characters' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(PAUSE_REASON_MAX)
  pauseReason?: string;
  @ApiProperty({ description: '夜間受入可' }) @IsBoolean() nightAdmission!: boolean;
}

export class ListUnitsQuery extends PaginationQuery implements UnitListQuery {
  @ApiPropertyOptional({ description: "Only the caller's own organisation's units" }) @IsOptional() @Transform(queryBoolean) @IsBoolean() mine?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsUUID() organisationId?: string;
  @ApiPropertyOptional({ description: 'A city code includes its wards' }) @IsOptional() @Matches(/^\d{5}$/) municipalityCode?: string;
  @ApiPropertyOptional({ description: 'Also list retired units (own organisation only)' }) @IsOptional() @Transform(queryBoolean) @IsBoolean() includeRetired?: boolean;
}
