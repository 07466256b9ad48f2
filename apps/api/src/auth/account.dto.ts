import { ApiProperty } from '@nestjs/swagger';
import { IsJWT, IsString, MaxLength, MinLength } from 'class-validator';
import type { ChangePasswordRequest, MfaCodeRequest, MfaLoginRequest } from '@akiwa/contracts';

export class MfaLoginDto implements MfaLoginRequest {
  @ApiProperty() @IsJWT() @MaxLength(2048) mfaToken!: string;
  @ApiProperty({ example: '123456' }) @IsString() @MinLength(6) @MaxLength(32) code!: string;
}

export class MfaCodeDto implements MfaCodeRequest {
  @ApiProperty({ example: '123456' }) @IsString() @MinLength(6) @MaxLength(32) code!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(256) currentPassword!: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12) @MaxLength(256) newPassword!: string;
}
