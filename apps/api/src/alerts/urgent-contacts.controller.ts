import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Role, type RaiseUrgentContact } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { UrgentContactsService } from './urgent-contacts.service';

export class RaiseUrgentContactDto implements RaiseUrgentContact {
  @ApiProperty({ maxLength: 200, description: 'Short and de-identified: no names or addresses' }) @IsString() @MinLength(1) @MaxLength(200) summary!: string;
}

/** 緊急の相談があります: providers raise, the on-call coordinators told acknowledge. */
@ApiTags('alerts')
@Controller('urgent-contacts')
export class UrgentContactsController {
  constructor(private readonly contacts: UrgentContactsService) {}

  @Auth(Role.ProviderStaff)
  @Post()
  raise(@CurrentUser() auth: AuthUser, @Body() dto: RaiseUrgentContactDto) {
    return this.contacts.raise(auth, dto.summary);
  }

  @Auth(Role.ProviderStaff)
  @Get('mine')
  mine(@CurrentUser() auth: AuthUser) {
    return this.contacts.mine(auth);
  }

  @Auth(Role.Coordinator)
  @Post(':id/ack')
  @HttpCode(200)
  acknowledge(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.contacts.acknowledge(auth, id);
  }
}
