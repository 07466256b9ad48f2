import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsNight } from '../vacancies/vacancy.dto';

/** A feed's area: the key's prefecture unless narrowed to a region or municipality inside it. */
export class FeedAreaQuery {
  @ApiPropertyOptional({ example: '43', description: 'the key’s own prefecture (the default); any other is refused' }) @IsOptional() @Matches(/^\d{2}$/) prefectureCode?: string;
  @ApiPropertyOptional({ example: '43-uki' }) @IsOptional() @Matches(/^[\w-]{1,40}$/) regionId?: string;
  @ApiPropertyOptional({ example: '43213' }) @IsOptional() @Matches(/^\d{5}$/) municipalityCode?: string;
}

/** The most nights one Slot feed covers. */
export const MAX_FEED_NIGHTS = 90;

export class FeedNightsQuery extends FeedAreaQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'the first night (default: tonight; not before tonight)' }) @IsOptional() @IsNight() from?: string;
  @ApiPropertyOptional({ default: 60, minimum: 1, maximum: MAX_FEED_NIGHTS }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_FEED_NIGHTS) days: number = 60;
}

export class OpenDataQuery extends FeedAreaQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'the night (default: tonight; not before tonight)' }) @IsOptional() @IsNight() date?: string;
}
