import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { CreateWaitingEntryDto, WaitingListQuery } from './waiting-list.dto';
import { WaitingListService } from './waiting-list.service';

/** 待機者: group homes' waiting lists. */
@ApiTags('waiting-list')
@Controller('waiting-list')
export class WaitingListController {
  constructor(private readonly waiting: WaitingListService) {}

  @Auth(Role.ProviderStaff)
  @Get('prompts')
  prompts(@CurrentUser() auth: AuthUser) {
    return this.waiting.prompts(auth);
  }

  @Auth(Role.ProviderStaff, Role.Coordinator, Role.Admin)
  @Get()
  list(@CurrentUser() auth: AuthUser, @Query() q: WaitingListQuery) {
    return this.waiting.list(auth, q);
  }

  @Auth(Role.ProviderStaff, Role.Coordinator)
  @Post()
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateWaitingEntryDto) {
    return this.waiting.create(auth, dto);
  }

  @Auth(Role.ProviderStaff, Role.Coordinator, Role.Admin)
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.waiting.remove(auth, id);
  }
}
