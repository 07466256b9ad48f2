import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AgeBand,
  DeclineReason,
  DisabilityCategory,
  Gender,
  SpecialNeed,
  SUPPORT_LEVEL_MAX,
  SUPPORT_LEVEL_MIN,
  Urgency,
  type AcceptRequest,
  type AddNoteRequest,
  type ConfirmOfferRequest,
  type CreateEmergencyRequest,
  type DeclineRequest,
  type PersonDetails,
  type RequestNeeds,
  type RequestStatus,
  type SetFollowUpRequest,
  type UpdatePersonRequest,
} from '@akiwa/contracts';
import { PaginationQuery } from '../common/http/pagination.dto';
import { IsNight } from '../vacancies/vacancy.dto';

export const REQUEST_STATUSES: RequestStatus[] = ['open', 'placed', 'unplaced', 'cancelled'];
/** The longest short stay (短期入所): 30 consecutive days. */
export const MAX_REQUEST_NIGHTS = 30;

export class RequestNeedsDto implements RequestNeeds {
  @ApiProperty({ enum: Object.values(AgeBand) }) @IsIn(Object.values(AgeBand)) ageBand!: AgeBand;
  @ApiProperty({ enum: Object.values(Gender) }) @IsIn(Object.values(Gender)) gender!: Gender;
  @ApiProperty({ enum: Object.values(DisabilityCategory), isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(4) @ArrayUnique() @IsIn(Object.values(DisabilityCategory), { each: true })
  categories!: DisabilityCategory[];
  @ApiProperty({ description: '障害児: under 18 (must agree with ageBand)' }) @IsBoolean() child!: boolean;
  /** Required, but may be null (不明): no default may silently narrow the match. */
  @ApiProperty({ minimum: 0, maximum: 6, nullable: true, type: Number, description: '0 非該当 – 6; null: 不明 (matches units taking every level)' })
  @ValidateIf((o: RequestNeedsDto) => o.supportLevel !== null)
  @IsInt() @Min(SUPPORT_LEVEL_MIN) @Max(SUPPORT_LEVEL_MAX)
  supportLevel!: number | null;
  @ApiProperty({ enum: Object.values(SpecialNeed), isArray: true })
  @IsArray() @ArrayMaxSize(3) @ArrayUnique() @IsIn(Object.values(SpecialNeed), { each: true })
  specialNeeds!: SpecialNeed[];
}

export class PersonDetailsDto implements PersonDetails {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) nameKana?: string;
  @ApiPropertyOptional({ example: '1975-04-01' }) @IsOptional() @IsNight() birthDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) emergencyContact?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) wishes?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) medicalNotes?: string;
}

export class CreateEmergencyRequestDto implements CreateEmergencyRequest {
  @ApiProperty({ type: RequestNeedsDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => RequestNeedsDto) needs!: RequestNeedsDto;
  @ApiProperty({ example: '43213' }) @Matches(/^\d{5}$/) municipalityCode!: string;
  @ApiProperty({ example: '2026-11-25', description: 'Not before today (Japan time)' }) @IsNight() from!: string;
  @ApiProperty({ minimum: 1, maximum: MAX_REQUEST_NIGHTS }) @IsInt() @Min(1) @Max(MAX_REQUEST_NIGHTS) nights!: number;
  @ApiProperty({ enum: Object.values(Urgency) }) @IsIn(Object.values(Urgency)) urgency!: Urgency;
  @ApiProperty({ description: 'What happened: seen only by the posting coordinators' }) @IsString() @MinLength(1) @MaxLength(4000) situation!: string;
  @ApiPropertyOptional({ description: 'Step ③: the provider the person already has a contract with' }) @IsOptional() @IsUUID() contractedOrganisationId?: string;
  @ApiPropertyOptional({ type: PersonDetailsDto, description: 'Encrypted at rest; shown to the confirmed provider only' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PersonDetailsDto)
  person?: PersonDetailsDto;
  @ApiPropertyOptional({ description: 'From the registrant ledger: the person registered (their details go to the confirmed provider only)' })
  @IsOptional() @IsUUID() registrationId?: string;
}

export class AcceptRequestDto implements AcceptRequest {
  @ApiProperty() @IsUUID() unitId!: string;
}

export class DeclineRequestDto implements DeclineRequest {
  @ApiProperty({ enum: Object.values(DeclineReason) }) @IsIn(Object.values(DeclineReason)) reason!: DeclineReason;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class ConfirmOfferDto implements ConfirmOfferRequest {
  @ApiProperty() @IsUUID() offerId!: string;
}

export class AddNoteDto implements AddNoteRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000) text!: string;
}

export class SetFollowUpDto implements SetFollowUpRequest {
  @ApiProperty({ example: '2026-12-01' }) @IsNight() followUpOn!: string;
}

export class UpdatePersonDto implements UpdatePersonRequest {
  @ApiProperty({ type: PersonDetailsDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => PersonDetailsDto) person!: PersonDetailsDto;
}

export class ListRequestsQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES }) @IsOptional() @IsIn(REQUEST_STATUSES) status?: RequestStatus;
}
