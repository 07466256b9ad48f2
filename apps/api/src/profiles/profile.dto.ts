import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';
import { MedicalCapability, NightStaffing, type UpdateProviderProfileRequest } from '@akiwa/contracts';
import { isOfficeNumber, normaliseOfficeNumber } from '@akiwa/domain';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const Text = (max: number) => (target: object, key: string) => {
  Transform(trimmed)(target, key);
  IsString()(target, key);
  MaxLength(max)(target, key);
};

/** 事業所番号: full-width digits and hyphens are read as typed, then 10 digits starting with a prefecture code. */
const IsOfficeNumber = () => ValidateBy({ name: 'isOfficeNumber', validator: { validate: (v) => typeof v === 'string' && isOfficeNumber(v) } });

/** The whole profile, as the provider saves it (every field sent; `version` is the one it was based on). */
export class UpdateProviderProfileDto implements UpdateProviderProfileRequest {
  @ApiProperty({ nullable: true, example: '4310100123' })
  @Transform(({ value }) => (typeof value === 'string' ? normaliseOfficeNumber(value) || null : value))
  @ValidateIf((_, v) => v !== null)
  @IsOfficeNumber()
  officeNumber!: string | null;
  @ApiProperty({ example: '869-0502' }) @Transform(trimmed) @IsString() @Matches(/^(\d{3}-?\d{4})?$/) postalCode!: string;
  @ApiProperty() @Text(200) address!: string;
  @ApiProperty() @Text(100) nearestStation!: string;
  @ApiProperty() @Text(500) access!: string;
  @ApiProperty() @Text(40) phone!: string;
  @ApiProperty() @Text(200) hours!: string;
  @ApiProperty({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(1_000_000) feePerNight!: number | null;
  @ApiProperty() @Text(300) feePerNightIncludes!: string;
  @ApiProperty({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(10_000_000) feePerMonth!: number | null;
  @ApiProperty() @Text(300) feePerMonthIncludes!: string;
  @ApiProperty() @Text(300) transportArea!: string;
  @ApiProperty() @Text(200) transportHours!: string;
  @ApiProperty({ enum: Object.values(NightStaffing), nullable: true }) @ValidateIf((_, v) => v !== null) @IsIn(Object.values(NightStaffing)) nightStaffing!: NightStaffing | null;
  @ApiProperty() @Text(300) nightStaffingNote!: string;
  @ApiProperty({ enum: Object.values(MedicalCapability), isArray: true })
  @ArrayUnique() @ArrayMaxSize(Object.values(MedicalCapability).length) @IsIn(Object.values(MedicalCapability), { each: true })
  medical!: MedicalCapability[];
  @ApiProperty() @Text(500) medicalNote!: string;
  @ApiProperty() @IsBoolean() wheelchair!: boolean;
  @ApiProperty() @IsBoolean() machineBath!: boolean;
  @ApiProperty() @Text(2000) description!: string;
  @ApiProperty() @IsBoolean() public!: boolean;
  @ApiProperty({ description: '0 before the first save' }) @IsInt() @Min(0) version!: number;
}

export class PhotoCaptionDto {
  @ApiProperty({ required: false }) @IsOptional() @Text(100) caption?: string;
}
