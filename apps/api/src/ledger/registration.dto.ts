import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
  CARE_LEVELS,
  ConsentBy,
  DisabilityCategory,
  Gender,
  RiskFlag,
  RyoikuGrade,
  SpecialNeed,
  SUPPORT_LEVEL_MAX,
  SUPPORT_LEVEL_MIN,
  Urgency,
  type CareConsultant,
  type CareLevel,
  type Certificates,
  type EmergencyContact,
  type GrantedDays,
  type LedgerSearchQuery,
  type Notifier,
  type Registrant,
  type RegistrationConsent,
  type RegistrationForm,
  type RegistrationInput,
  type RegistrationProfile,
  type UpdateRegistrationRequest,
} from '@akiwa/contracts';
import { IsNight } from '../vacancies/vacancy.dto';

const TEXT = 2000;
const kana = /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s\u3000]+$/u;
const phone = /^[0-9０-９()（）\-－‐+＋ \u3000]{6,20}$/u;

export class NotifierDto implements Notifier {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) @Matches(kana, { message: 'must be kana' }) nameKana?: string;
  @ApiPropertyOptional({ description: '本人との続柄 (required when registering a child)' }) @IsOptional() @IsString() @MaxLength(40) relation?: string;
}

export class RegistrantDto implements Registrant {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) @Matches(kana, { message: 'must be kana' }) nameKana!: string;
  @ApiProperty({ example: '1975-04-01' }) @IsNight() birthDate!: string;
  @ApiProperty({ enum: Object.values(Gender) }) @IsIn(Object.values(Gender)) sex!: Gender;
  @ApiPropertyOptional({ example: '869-0606' }) @IsOptional() @Matches(/^\d{3}-?\d{4}$/, { message: 'must be 123-4567' }) postalCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(phone, { message: 'must be a phone number' }) homePhone?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(phone, { message: 'must be a phone number' }) mobilePhone?: string;
}

export class CertificatesDto implements Certificates {
  @ApiPropertyOptional({ minimum: 1, maximum: 7, nullable: true }) @IsOptional() @ValidateIf((o) => o.physicalGrade !== null) @IsInt() @Min(1) @Max(7) physicalGrade?: number | null;
  @ApiPropertyOptional({ enum: Object.values(RyoikuGrade), nullable: true }) @IsOptional() @ValidateIf((o) => o.ryoiku !== null) @IsIn(Object.values(RyoikuGrade)) ryoiku?: RyoikuGrade | null;
  @ApiPropertyOptional({ minimum: 1, maximum: 3, nullable: true }) @IsOptional() @ValidateIf((o) => o.mentalGrade !== null) @IsInt() @Min(1) @Max(3) mentalGrade?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() independenceSupportMedical?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() specifiedMedicalExpenses?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) other?: string;
}

export class EmergencyContactDto implements EmergencyContact {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(40) relation!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string;
  @ApiProperty() @Matches(phone, { message: 'must be a phone number' }) phone!: string;
  @ApiProperty({ description: 'The contact agreed to be registered' }) @IsBoolean() consented!: boolean;
}

export class CareConsultantDto implements CareConsultant {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) office?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(phone, { message: 'must be a phone number' }) phone?: string;
}

export class RegistrationFormDto implements RegistrationForm {
  @ApiProperty({ example: '2026-12-01' }) @IsNight() notifiedOn!: string;
  @ApiProperty({ type: NotifierDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => NotifierDto) notifier!: NotifierDto;
  @ApiProperty({ type: RegistrantDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => RegistrantDto) registrant!: RegistrantDto;
  @ApiProperty({ type: CertificatesDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => CertificatesDto) certificates!: CertificatesDto;
  @ApiPropertyOptional({ enum: CARE_LEVELS, nullable: true }) @IsOptional() @ValidateIf((o) => o.careLevel !== null) @IsIn(CARE_LEVELS) careLevel?: CareLevel | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) mainDisability?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) servicesUsed?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) familyDoctor?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) medicalCondition?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) medication?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) otherNotes?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) expectedEmergency?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) wantedServices?: string;
  @ApiProperty({ type: [EmergencyContactDto], maxItems: 2 })
  @IsArray() @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => EmergencyContactDto)
  emergencyContacts!: EmergencyContactDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) household?: string;
  @ApiPropertyOptional({ type: CareConsultantDto, nullable: true })
  @IsOptional() @ValidateIf((o) => o.careConsultant !== null) @IsObject() @ValidateNested() @Type(() => CareConsultantDto)
  careConsultant?: CareConsultantDto | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) wishes?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) coordinatorNotes?: string;
}

export class RegistrationProfileDto implements RegistrationProfile {
  @ApiProperty({ enum: Object.values(DisabilityCategory), isArray: true })
  @IsArray() @ArrayMaxSize(4) @ArrayUnique() @IsIn(Object.values(DisabilityCategory), { each: true })
  categories!: DisabilityCategory[];
  @ApiProperty() @IsBoolean() child!: boolean;
  @ApiProperty({ nullable: true, type: Number, minimum: 0, maximum: 6 })
  @ValidateIf((o) => o.supportLevel !== null) @IsInt() @Min(SUPPORT_LEVEL_MIN) @Max(SUPPORT_LEVEL_MAX)
  supportLevel!: number | null;
  @ApiProperty({ enum: Object.values(SpecialNeed), isArray: true })
  @IsArray() @ArrayMaxSize(3) @ArrayUnique() @IsIn(Object.values(SpecialNeed), { each: true })
  specialNeeds!: SpecialNeed[];
}

export class RegistrationConsentDto implements RegistrationConsent {
  @ApiProperty({ enum: Object.values(ConsentBy) }) @IsIn(Object.values(ConsentBy)) by!: ConsentBy;
  @ApiProperty() @IsNight() on!: string;
  @ApiProperty({ type: [String], description: 'Organisations the person agreed to share with; the registering centre is always one' })
  @IsArray() @ArrayMaxSize(30) @ArrayUnique() @IsUUID('all', { each: true })
  organisationIds!: string[];
}

export class GrantedDaysDto implements GrantedDays {
  @ApiProperty({ minimum: 0, maximum: 31 }) @IsInt() @Min(0) @Max(31) daysPerMonth!: number;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((o) => o.from !== null) @IsNight() from?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((o) => o.to !== null) @IsNight() to?: string | null;
}

export class RegistrationInputDto implements RegistrationInput {
  @ApiProperty({ example: '43213' }) @Matches(/^\d{5}$/) municipalityCode!: string;
  @ApiProperty({ type: RegistrationFormDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => RegistrationFormDto) form!: RegistrationFormDto;
  @ApiProperty({ type: RegistrationProfileDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => RegistrationProfileDto) profile!: RegistrationProfileDto;
  @ApiProperty({ enum: Object.values(RiskFlag), isArray: true })
  @IsArray() @ArrayMaxSize(5) @ArrayUnique() @IsIn(Object.values(RiskFlag), { each: true })
  riskFlags!: RiskFlag[];
  @ApiProperty({ enum: Object.values(Urgency) }) @IsIn(Object.values(Urgency)) urgencyTier!: Urgency;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((o) => o.contractedOrganisationId !== null) @IsUUID() contractedOrganisationId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((o) => o.nextReviewOn !== null) @IsNight() nextReviewOn?: string | null;
  @ApiProperty({ type: RegistrationConsentDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => RegistrationConsentDto) consent!: RegistrationConsentDto;
  @ApiPropertyOptional({ type: GrantedDaysDto, nullable: true })
  @IsOptional() @ValidateIf((o) => o.grantedDays !== null) @IsObject() @ValidateNested() @Type(() => GrantedDaysDto)
  grantedDays?: GrantedDaysDto | null;
}

export class UpdateRegistrationDto extends RegistrationInputDto implements UpdateRegistrationRequest {
  @ApiProperty() @IsInt() @Min(1) expectedVersion!: number;
}

export class ShareDto {
  @ApiProperty() @IsUUID() organisationId!: string;
}

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class LedgerSearchDto implements LedgerSearchQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsNight() birthDate?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{5}$/) municipalityCode?: string;
  @ApiPropertyOptional({ enum: Object.values(RiskFlag) }) @IsOptional() @IsIn(Object.values(RiskFlag)) riskFlag?: RiskFlag;
  @ApiPropertyOptional({ enum: Object.values(Urgency) }) @IsOptional() @IsIn(Object.values(Urgency)) urgencyTier?: Urgency;
  @ApiPropertyOptional() @IsOptional() @Transform(bool) @IsBoolean() reviewOverdue?: boolean;
}

export class LedgerCountQuery {
  @ApiPropertyOptional({ description: 'One municipality; all visible to the caller when absent' }) @IsOptional() @Matches(/^\d{5}$/) municipalityCode?: string;
}

export class LedgerExportQuery {
  @ApiPropertyOptional({ description: 'One municipality; every registration the caller may read when absent' }) @IsOptional() @Matches(/^\d{5}$/) municipalityCode?: string;
}
