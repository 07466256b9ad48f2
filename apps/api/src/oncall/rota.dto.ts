import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { RotaOwnerKind, RotaShift, type RotaSlot, type SetRotaException, type UpdateRota } from '@akiwa/contracts';
import { IsNight } from '../vacancies/vacancy.dto';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class RotaSlotDto implements RotaSlot {
  @ApiProperty({ minimum: 0, maximum: 7, description: '0 = Sunday … 6 = Saturday, 7 = public holidays' }) @IsInt() @Min(0) @Max(7) weekday!: number;
  @ApiProperty({ enum: Object.values(RotaShift) }) @IsIn(Object.values(RotaShift)) shift!: RotaShift;
  @ApiProperty() @IsUUID() userId!: string;
}

export class UpdateRotaDto implements UpdateRota {
  @ApiProperty({ example: '090-0000-0000', description: 'The on-call phone' }) @IsString() @MaxLength(40) phone!: string;
  @ApiProperty({ example: '09:00' }) @Matches(TIME) dayStarts!: string;
  @ApiProperty({ example: '17:30' }) @Matches(TIME) nightStarts!: string;
  @ApiProperty({ type: [RotaSlotDto] }) @IsArray() @ArrayMaxSize(16) @ValidateNested({ each: true }) @Type(() => RotaSlotDto) pattern!: RotaSlotDto[];
}

export class SetRotaExceptionDto implements SetRotaException {
  @ApiProperty({ nullable: true, description: 'null: back to the weekly pattern' }) @ValidateIf((o) => o.userId !== null) @IsUUID() userId!: string | null;
}

export class RotaOwnerParams {
  @ApiProperty({ enum: Object.values(RotaOwnerKind) }) @IsIn(Object.values(RotaOwnerKind)) kind!: RotaOwnerKind;
}

export class RotaExceptionParams extends RotaOwnerParams {
  @ApiProperty({ example: '2026-12-24' }) @IsNight() date!: string;
  @ApiProperty({ enum: Object.values(RotaShift) }) @IsIn(Object.values(RotaShift)) shift!: RotaShift;
}

export class RotaRangeQuery {
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @IsNight() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsNight() to?: string;
}
