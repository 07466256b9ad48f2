import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { OrganisationKind, type CreateOrganisationRequest, type SetServiceAreaRequest, type UpdateOrganisationRequest } from '@akiwa/contracts';

export class CreateOrganisationDto implements CreateOrganisationRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: Object.values(OrganisationKind) }) @IsIn(Object.values(OrganisationKind)) kind!: OrganisationKind;
  @ApiPropertyOptional({ example: '43213' }) @IsOptional() @Matches(/^\d{5}$/) municipalityCode?: string;
}

export class UpdateOrganisationDto implements UpdateOrganisationRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{5}$/) municipalityCode?: string;
  @ApiPropertyOptional({ description: 'every user of the organisation must use two factors' }) @IsOptional() @IsBoolean() mfaRequired?: boolean;
}

export class SetServiceAreaDto implements SetServiceAreaRequest {
  @ApiProperty({ type: [String], example: ['43211', '43213'], description: 'municipality codes (a city covers its wards); empty: the centre’s prefecture' })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^\d{5}$/, { each: true })
  municipalityCodes!: string[];
}
