import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min, NotEquals, ValidateBy } from 'class-validator';
import {
  DisabilityCategory,
  Gender,
  ServiceType,
  SpecialNeed,
  SUPPORT_LEVEL_MAX,
  SUPPORT_LEVEL_MIN,
  type AdjustVacancyRequest,
  type ConfirmVacanciesRequest,
  type SetVacancyRangeRequest,
  type VacancyGender,
  type VacancySearchQuery,
  type VacancyCalendarQuery,
  type VacancySubscription,
} from '@akiwa/contracts';
import { isCalendarDate } from '@akiwa/domain';
import { queryBoolean, queryList } from '../common/http/query-transforms';

/** A `YYYY-MM-DD` calendar date; named `isDateString` so the error text says so in both languages. */
export const IsNight = () => ValidateBy({ name: 'isDateString', validator: { validate: isCalendarDate, defaultMessage: () => 'must be a date (YYYY-MM-DD)' } });

export const VACANCY_GENDERS: VacancyGender[] = ['any', 'male', 'female'];
/** A range write covers at most this many nights (about a quarter). */
export const MAX_RANGE_NIGHTS = 90;
/** The calendar shows at most a month of nights across… */
export const MAX_CALENDAR_DAYS = 31;
/** …for at most this many units down (a whole 圏域 at once). */
export const MAX_CALENDAR_UNITS = 500;
/** Vacancies can be declared this far ahead. */
export const MAX_DAYS_AHEAD = 365;

export class SetVacancyRangeDto implements SetVacancyRangeRequest {
  @ApiProperty({ example: '2026-11-25' }) @IsNight() from!: string;
  @ApiProperty({ example: '2026-11-30', description: 'Inclusive; at most 90 nights from `from`' }) @IsNight() to!: string;
  @ApiProperty({ enum: VACANCY_GENDERS }) @IsIn(VACANCY_GENDERS) gender!: VacancyGender;
  @ApiProperty({ minimum: 0, description: 'At most the unit capacity (with the other genders of each night)' }) @IsInt() @Min(0) @Max(200) free!: number;
  @ApiProperty() @IsInt() @Min(0) expectedVersion!: number;
}

export class AdjustVacancyDto implements AdjustVacancyRequest {
  @ApiProperty({ example: '2026-11-25' }) @IsNight() night!: string;
  @ApiProperty({ enum: VACANCY_GENDERS }) @IsIn(VACANCY_GENDERS) gender!: VacancyGender;
  @ApiProperty({ example: -1 }) @IsInt() @NotEquals(0) @Min(-200) @Max(200) delta!: number;
  @ApiProperty() @IsInt() @Min(0) expectedVersion!: number;
}

export class ConfirmVacanciesDto implements ConfirmVacanciesRequest {
  @ApiProperty() @IsInt() @Min(0) expectedVersion!: number;
}

export class VacancyWindowQuery {
  @ApiPropertyOptional({ description: 'Default: today (Japan time)' }) @IsOptional() @IsNight() from?: string;
  @ApiPropertyOptional({ description: 'Inclusive. Default: from + 30 days; at most 90 nights' }) @IsOptional() @IsNight() to?: string;
}


export class VacancySearchDto implements VacancySearchQuery {
  @ApiPropertyOptional({ example: '43', description: 'Area: the widest level given bounds the results' }) @IsOptional() @Matches(/^\d{2}$/) prefectureCode?: string;
  @ApiPropertyOptional({ example: '43-uki' }) @IsOptional() @Matches(/^[\w-]{1,40}$/) regionId?: string;
  @ApiPropertyOptional({ example: '43213', description: 'The most specific level given anchors the distance; a city includes its wards' })
  @IsOptional() @Matches(/^\d{5}$/) municipalityCode?: string;
  @ApiProperty({ example: '2026-11-25' }) @IsNight() from!: string;
  @ApiProperty({ minimum: 1, maximum: 30 }) @Type(() => Number) @IsInt() @Min(1) @Max(30) nights!: number;
  @ApiPropertyOptional({ enum: Object.values(DisabilityCategory) }) @IsOptional() @IsIn(Object.values(DisabilityCategory)) category?: DisabilityCategory;
  @ApiPropertyOptional() @IsOptional() @Transform(queryBoolean) @IsBoolean() child?: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 6 }) @IsOptional() @Type(() => Number) @IsInt() @Min(SUPPORT_LEVEL_MIN) @Max(SUPPORT_LEVEL_MAX) supportLevel?: number;
  @ApiPropertyOptional({ enum: Object.values(SpecialNeed), isArray: true, description: 'Repeated or comma-separated; every one is required' })
  @IsOptional() @Transform(queryList) @ArrayUnique() @ArrayMaxSize(3) @IsIn(Object.values(SpecialNeed), { each: true })
  needs?: SpecialNeed[];
  @ApiPropertyOptional({ enum: Object.values(Gender) }) @IsOptional() @IsIn(Object.values(Gender)) gender?: Gender;
  @ApiPropertyOptional({ enum: Object.values(ServiceType) }) @IsOptional() @IsIn(Object.values(ServiceType)) serviceType?: ServiceType;
  @ApiPropertyOptional() @IsOptional() @Transform(queryBoolean) @IsBoolean() emergencyOk?: boolean;
  @ApiPropertyOptional() @IsOptional() @Transform(queryBoolean) @IsBoolean() trialOk?: boolean;
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit: number = 20;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10000) offset: number = 0;
}

/** The calendar: the board's filters without a stay length; 2 weeks or a month of nights across. */
export class VacancyCalendarDto implements VacancyCalendarQuery {
  @ApiPropertyOptional({ example: '43' }) @IsOptional() @Matches(/^\d{2}$/) prefectureCode?: string;
  @ApiPropertyOptional({ example: '43-uki' }) @IsOptional() @Matches(/^[\w-]{1,40}$/) regionId?: string;
  @ApiPropertyOptional({ example: '43213' }) @IsOptional() @Matches(/^\d{5}$/) municipalityCode?: string;
  @ApiProperty({ example: '2026-11-25', description: 'The first night shown (not before 「今夜」)' }) @IsNight() from!: string;
  @ApiPropertyOptional({ default: 14, minimum: 1, maximum: MAX_CALENDAR_DAYS, description: 'Nights across: 14 (2 weeks) or 31 (a month)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_CALENDAR_DAYS) days: number = 14;
  @ApiPropertyOptional({ enum: Object.values(DisabilityCategory) }) @IsOptional() @IsIn(Object.values(DisabilityCategory)) category?: DisabilityCategory;
  @ApiPropertyOptional() @IsOptional() @Transform(queryBoolean) @IsBoolean() child?: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 6 }) @IsOptional() @Type(() => Number) @IsInt() @Min(SUPPORT_LEVEL_MIN) @Max(SUPPORT_LEVEL_MAX) supportLevel?: number;
  @ApiPropertyOptional({ enum: Object.values(SpecialNeed), isArray: true })
  @IsOptional() @Transform(queryList) @ArrayUnique() @ArrayMaxSize(3) @IsIn(Object.values(SpecialNeed), { each: true })
  needs?: SpecialNeed[];
  @ApiPropertyOptional({ enum: Object.values(Gender) }) @IsOptional() @IsIn(Object.values(Gender)) gender?: Gender;
  @ApiPropertyOptional({ enum: Object.values(ServiceType) }) @IsOptional() @IsIn(Object.values(ServiceType)) serviceType?: ServiceType;
  @ApiPropertyOptional() @IsOptional() @Transform(queryBoolean) @IsBoolean() emergencyOk?: boolean;
  @ApiPropertyOptional() @IsOptional() @Transform(queryBoolean) @IsBoolean() trialOk?: boolean;
  @ApiPropertyOptional({ default: 100, maximum: MAX_CALENDAR_UNITS }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_CALENDAR_UNITS) limit: number = 100;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10000) offset: number = 0;
}

export class VacancySubscriptionDto implements VacancySubscription {
  @IsOptional() @Matches(/^\d{2}$/) prefectureCode?: string;
  @IsOptional() @Matches(/^[\w-]{1,40}$/) regionId?: string;
  @IsOptional() @Matches(/^\d{5}$/) municipalityCode?: string;
}
