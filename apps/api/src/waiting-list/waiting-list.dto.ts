import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { AgeBand, DisabilityCategory, Gender, RoomGender, type CreateWaitingEntryRequest } from '@akiwa/contracts';
import { IsNight } from '../vacancies/vacancy.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateWaitingEntryDto implements CreateWaitingEntryRequest {
  @ApiPropertyOptional() @IsOptional() @IsUUID() organisationId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() personId?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) displayName?: string;
  @ApiPropertyOptional({ enum: Object.values(AgeBand) }) @IsOptional() @IsIn(Object.values(AgeBand)) ageBand?: AgeBand;
  @ApiPropertyOptional({ enum: Object.values(Gender) }) @IsOptional() @IsIn(Object.values(Gender)) gender?: Gender;
  @ApiPropertyOptional({ enum: Object.values(DisabilityCategory), isArray: true })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(Object.values(DisabilityCategory), { each: true }) categories?: DisabilityCategory[];
  @ApiProperty({ enum: Object.values(RoomGender) }) @IsIn(Object.values(RoomGender)) roomGender!: RoomGender;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notes?: string;
  @ApiProperty({ example: '2026-04-01' }) @IsNight() waitingSince!: string;
}

export class WaitingListQuery {
  @ApiPropertyOptional({ description: "A group home's provider; default: the caller's own (providers) or every home with the caller's persons (coordinators)" })
  @IsOptional() @IsUUID() organisationId?: string;
}
