import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { LoginRequest } from '@akiwa/contracts';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'coordinator@uki-kikan.example' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ example: 'akiwa-demo-2026' }) @IsString() @MinLength(1) @MaxLength(256) password!: string;
}
