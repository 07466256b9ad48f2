import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Role, type CreateUserRequest, type UpdateUserRequest } from '@akiwa/contracts';
import { PaginationQuery } from '../common/http/pagination.dto';

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty() @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) displayName!: string;
  @ApiProperty({ enum: Object.values(Role) }) @IsIn(Object.values(Role)) role!: Role;
  @ApiProperty() @IsUUID() organisationId!: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12) @MaxLength(256) password!: string;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) displayName?: string;
  @ApiPropertyOptional({ enum: Object.values(Role) }) @IsOptional() @IsIn(Object.values(Role)) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ minLength: 12 }) @IsOptional() @IsString() @MinLength(12) @MaxLength(256) password?: string;
}

export class ListUsersQuery extends PaginationQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() organisationId?: string;
}
