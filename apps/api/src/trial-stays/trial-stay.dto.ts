import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateBy, ValidateNested,
} from 'class-validator';
import {
  AgeBand, DisabilityCategory, Gender, SpecialNeed, SUPPORT_LEVEL_MAX, SUPPORT_LEVEL_MIN,
  type CreateTrialPersonRequest, type CreateTrialStayRequest, type CreateVisitSlotRequest, type NightRange, type SetTrialPolicyRequest,
  type TrialSearchQuery, type TrialStayListQuery, type TrialStayReasonRequest, type TrialStayStatus, type UpdateTrialOfferRequest,
} from '@akiwa/contracts';
import { isMonth } from '@akiwa/domain';
import { PaginationQuery } from '../common/http/pagination.dto';
import { queryList } from '../common/http/query-transforms';
import { IsNight } from '../vacancies/vacancy.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const IsMonth = () => ValidateBy({ name: 'matches', validator: { validate: isMonth, defaultMessage: () => 'must be a month (YYYY-MM)' } });

export const AGE_BANDS = Object.values(AgeBand);
export const TRIAL_STATUSES: TrialStayStatus[] = ['requested', 'approved', 'declined', 'cancelled'];

export class CreateTrialStayDto implements CreateTrialStayRequest {
  @ApiProperty() @IsUUID() unitId!: string;
  @ApiProperty() @IsUUID() personId!: string;
  @ApiProperty({ example: '2026-12-01', description: 'Day of arrival (the first night)' }) @IsNight() from!: string;
  @ApiProperty({ example: '2026-12-06', description: 'Day of leaving: nights = to − from' }) @IsNight() to!: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ description: 'A free 見学 slot of the same room' }) @IsOptional() @IsUUID() visitSlotId?: string;
}

export class TrialStayReasonDto implements TrialStayReasonRequest {
  @ApiProperty({ example: '職員体制が整わないため' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

export class TrialStayListDto extends PaginationQuery implements TrialStayListQuery {
  @ApiPropertyOptional({ enum: TRIAL_STATUSES }) @IsOptional() @IsIn(TRIAL_STATUSES) status?: TrialStayStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() personId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
}

export class NightRangeDto implements NightRange {
  @ApiProperty({ example: '2026-12-01' }) @IsNight() from!: string;
  @ApiProperty({ example: '2027-01-31', description: 'Exclusive' }) @IsNight() to!: string;
}

export class UpdateTrialOfferDto implements UpdateTrialOfferRequest {
  @ApiProperty() @IsString() @MaxLength(4000) houseRules!: string;
  @ApiProperty() @IsString() @MaxLength(4000) whatToBring!: string;
  @ApiProperty({ type: [NightRangeDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => NightRangeDto) openings!: NightRangeDto[];
}

export class CreateVisitSlotDto implements CreateVisitSlotRequest {
  @ApiProperty({ example: '2026-12-03T10:00:00+09:00' }) @IsISO8601({ strict: true }) startsAt!: string;
}

export class CalendarQuery {
  @ApiProperty({ example: '2026-12' }) @IsMonth() month!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() organisationId?: string;
}

export class TrialSearchDto implements TrialSearchQuery {
  @ApiPropertyOptional({ example: '43' }) @IsOptional() @Matches(/^\d{2}$/) prefectureCode?: string;
  @ApiPropertyOptional({ example: '43-uki' }) @IsOptional() @Matches(/^[\w-]{1,40}$/) regionId?: string;
  @ApiPropertyOptional({ example: '43213' }) @IsOptional() @Matches(/^\d{5}$/) municipalityCode?: string;
  @ApiProperty({ example: '2026-12-01' }) @IsNight() from!: string;
  @ApiProperty({ example: '2026-12-06', description: 'Day of leaving' }) @IsNight() to!: string;
  @ApiPropertyOptional({ enum: Object.values(DisabilityCategory) }) @IsOptional() @IsIn(Object.values(DisabilityCategory)) category?: DisabilityCategory;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(SUPPORT_LEVEL_MIN) @Max(SUPPORT_LEVEL_MAX) supportLevel?: number;
  @ApiPropertyOptional({ enum: Object.values(SpecialNeed), isArray: true })
  @IsOptional() @Transform(queryList) @ArrayUnique() @ArrayMaxSize(3) @IsIn(Object.values(SpecialNeed), { each: true })
  needs?: SpecialNeed[];
  @ApiPropertyOptional({ enum: Object.values(Gender) }) @IsOptional() @IsIn(Object.values(Gender)) gender?: Gender;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit: number = 20;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10000) offset: number = 0;
}

export class CreateTrialPersonDto implements CreateTrialPersonRequest {
  @ApiProperty({ example: 'Aさん' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) displayName!: string;
  @ApiProperty({ enum: AGE_BANDS }) @IsIn(AGE_BANDS) ageBand!: AgeBand;
  @ApiProperty({ enum: Object.values(Gender) }) @IsIn(Object.values(Gender)) gender!: Gender;
  @ApiProperty({ example: '43213' }) @Matches(/^\d{5}$/) municipalityCode!: string;
  @ApiProperty({ enum: Object.values(DisabilityCategory), isArray: true })
  @IsArray() @ArrayUnique() @IsIn(Object.values(DisabilityCategory), { each: true }) categories!: DisabilityCategory[];
  @ApiProperty() @IsInt() @Min(SUPPORT_LEVEL_MIN) @Max(SUPPORT_LEVEL_MAX) supportLevel!: number;
  @ApiProperty({ enum: Object.values(SpecialNeed), isArray: true })
  @IsArray() @ArrayUnique() @IsIn(Object.values(SpecialNeed), { each: true }) specialNeeds!: SpecialNeed[];
}

export class PersonSummaryQuery {
  @ApiPropertyOptional({ description: 'Default: the current fiscal year (April–March)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear?: number;
}

export class SetTrialPolicyDto implements SetTrialPolicyRequest {
  @ApiProperty({ default: 30 }) @IsInt() @Min(1) @Max(365) maxConsecutiveNights!: number;
  @ApiProperty({ default: 50 }) @IsInt() @Min(1) @Max(366) maxNightsPerFiscalYear!: number;
}
