import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { SubscribePush } from '@akiwa/contracts';

export class PushKeysDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9_-]{80,100}={0,2}$/) p256dh!: string;
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9_-]{16,30}={0,2}$/) auth!: string;
}

export class SubscribePushDto implements SubscribePush {
  @ApiProperty({ description: 'The push service URL (https in production)' }) @IsString() @Matches(/^https?:\/\/\S+$/) @MaxLength(2000) endpoint!: string;
  @ApiProperty({ type: PushKeysDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => PushKeysDto) keys!: PushKeysDto;
  @ApiProperty({ example: 'iPhone（夜勤用）' }) @IsString() @MinLength(1) @MaxLength(80) label!: string;
}
