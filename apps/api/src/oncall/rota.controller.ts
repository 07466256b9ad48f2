import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role, type RotaView } from '@akiwa/contracts';
import { addDays, daysBetween, serviceNight } from '@akiwa/domain';
import { Clock } from '../common/time/clock';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { ParseId } from '../common/http/parse-id.pipe';
import { RotaExceptionParams, RotaOwnerParams, RotaRangeQuery, SetRotaExceptionDto, UpdateRotaDto } from './rota.dto';
import { RotaService } from './rota.service';
import { OncallTexts } from '../common/errors/texts';

const MAX_RANGE_DAYS = 62;

/** 当番表: a coordinator's centre rota (`organisation`) and region rota (`region`). */
@ApiTags('oncall')
@Controller('oncall/rotas')
export class RotaController {
  constructor(
    private readonly rotas: RotaService,
    private readonly clock: Clock,
  ) {}

  @Auth(Role.Coordinator)
  @Get(':kind')
  async get(@CurrentUser() auth: AuthUser, @Param() p: RotaOwnerParams, @Query() q: RotaRangeQuery): Promise<RotaView> {
    // the calendar month in Japan (a night cutoff of 0: the date itself)
    const from = q.from ?? `${serviceNight(this.clock.now(), 0).slice(0, 8)}01`;
    const to = q.to ?? addDays(from, 34);
    if (daysBetween(from, to) < 0 || daysBetween(from, to) > MAX_RANGE_DAYS) {
      throw AppException.invalidField('to', 'range', OncallTexts.rangeTooLong(MAX_RANGE_DAYS));
    }
    return this.rotas.view(await this.rotas.ownerFor(auth, p.kind), from, to);
  }

  @Auth(Role.Coordinator)
  @Put(':kind')
  @HttpCode(204)
  async update(@CurrentUser() auth: AuthUser, @Param() p: RotaOwnerParams, @Body() dto: UpdateRotaDto): Promise<void> {
    await this.rotas.update(await this.rotas.ownerFor(auth, p.kind), dto);
  }

  @Auth(Role.Coordinator)
  @Put(':kind/exceptions/:date/:shift')
  @HttpCode(204)
  async setException(@CurrentUser() auth: AuthUser, @Param() p: RotaExceptionParams, @Body() dto: SetRotaExceptionDto): Promise<void> {
    await this.rotas.setException(await this.rotas.ownerFor(auth, p.kind), p.date, p.shift, dto.userId);
  }
}

/** The on-call person of the centre that posted a request, for the provider's request card. */
@ApiTags('oncall')
@Controller('inbox')
export class InboxOnCallController {
  constructor(
    private readonly rotas: RotaService,
    private readonly clock: Clock,
  ) {}

  @Auth(Role.ProviderStaff)
  @Get(':requestId/on-call')
  async onCall(@CurrentUser() auth: AuthUser, @Param('requestId', ParseId('requestId')) requestId: string) {
    return { onCall: await this.rotas.onCallForRequest(auth, requestId, this.clock.now()) };
  }
}
