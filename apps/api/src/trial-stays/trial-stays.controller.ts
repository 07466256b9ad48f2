import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { TrialOffersService } from './trial-offers.service';
import { CalendarQuery, CreateTrialStayDto, CreateVisitSlotDto, TrialSearchDto, TrialStayListDto, TrialStayReasonDto, UpdateTrialOfferDto } from './trial-stay.dto';
import { TrialStaysService } from './trial-stays.service';

/** 体験利用: offers and calendars of group-home rooms, and the booking lifecycle. */
@ApiTags('trial-stays')
@Controller('trial-stays')
export class TrialStaysController {
  constructor(
    private readonly stays: TrialStaysService,
    private readonly offers: TrialOffersService,
  ) {}

  @Auth()
  @Get('search')
  search(@Query() q: TrialSearchDto) {
    return this.offers.search(q);
  }

  @Auth()
  @Get('calendar')
  calendar(@Query() q: CalendarQuery) {
    return this.offers.calendar(q);
  }

  @Auth()
  @Get('units/:unitId/offer')
  offer(@Param('unitId', ParseId('unitId')) unitId: string) {
    return this.offers.getOffer(unitId);
  }

  @Auth(Role.ProviderStaff)
  @Put('units/:unitId/offer')
  updateOffer(@CurrentUser() auth: AuthUser, @Param('unitId', ParseId('unitId')) unitId: string, @Body() dto: UpdateTrialOfferDto) {
    return this.offers.updateOffer(auth, unitId, dto);
  }

  @Auth(Role.ProviderStaff)
  @Post('units/:unitId/visit-slots')
  addVisitSlot(@CurrentUser() auth: AuthUser, @Param('unitId', ParseId('unitId')) unitId: string, @Body() dto: CreateVisitSlotDto) {
    return this.offers.addVisitSlot(auth, unitId, dto.startsAt);
  }

  @Auth(Role.ProviderStaff)
  @Delete('visit-slots/:id')
  @HttpCode(204)
  removeVisitSlot(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.offers.removeVisitSlot(auth, id);
  }

  @Auth(Role.ProviderStaff, Role.Coordinator, Role.Admin)
  @Get()
  list(@CurrentUser() auth: AuthUser, @Query() q: TrialStayListDto) {
    return this.stays.list(auth, q);
  }

  @Auth(Role.Coordinator)
  @Post()
  @ApiConflictResponse({ description: 'conflict: the nights are already booked, not offered, or the person is elsewhere' })
  @ApiUnprocessableEntityResponse({ description: 'policy_limit: consecutive or per-fiscal-year nights' })
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateTrialStayDto) {
    return this.stays.create(auth, dto);
  }

  @Auth(Role.ProviderStaff, Role.Coordinator, Role.Admin)
  @Get(':id')
  get(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.stays.get(auth, id);
  }

  @Auth(Role.ProviderStaff)
  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.stays.approve(auth, id);
  }

  @Auth(Role.ProviderStaff)
  @Post(':id/decline')
  @HttpCode(200)
  decline(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: TrialStayReasonDto) {
    return this.stays.decline(auth, id, dto.reason);
  }

  @Auth(Role.ProviderStaff, Role.Coordinator)
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: TrialStayReasonDto) {
    return this.stays.cancel(auth, id, dto.reason);
  }
}
