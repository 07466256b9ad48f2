import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Role, type VacancyPolicy } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { AdjustVacancyDto, ConfirmVacanciesDto, SetVacancyRangeDto, VacancyCalendarDto, VacancySearchDto, VacancyWindowQuery } from './vacancy.dto';
import { VacancyCalendarService } from './vacancy-calendar.service';
import { VacanciesService } from './vacancies.service';
import { VacancySearchService } from './vacancy-search.service';

/** A unit's nightly vacancies. Every write names the vacancy version it was based on. */
@ApiTags('vacancies')
@Controller('units/:id/vacancies')
export class UnitVacanciesController {
  constructor(private readonly vacancies: VacanciesService) {}

  @Auth()
  @Get()
  get(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Query() q: VacancyWindowQuery) {
    return this.vacancies.get(auth, id, q);
  }

  @Auth(Role.ProviderStaff)
  @Put('range')
  @ApiConflictResponse({ description: 'version_conflict (body.current: UnitVacancies) or conflict (below held beds)' })
  setRange(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: SetVacancyRangeDto) {
    return this.vacancies.setRange(auth, id, dto);
  }

  @Auth(Role.ProviderStaff)
  @Post('adjust')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'version_conflict (body.current: UnitVacancies) or conflict (below held beds)' })
  adjust(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: AdjustVacancyDto) {
    return this.vacancies.adjust(auth, id, dto);
  }

  @Auth(Role.ProviderStaff)
  @Post('confirm')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'version_conflict (body.current: UnitVacancies)' })
  confirm(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: ConfirmVacanciesDto) {
    return this.vacancies.confirm(auth, id, dto);
  }
}

@ApiTags('vacancies')
@Controller('vacancies')
export class VacancySearchController {
  constructor(
    private readonly search: VacancySearchService,
    private readonly vacancies: VacanciesService,
    private readonly calendars: VacancyCalendarService,
  ) {}

  /** The freshness policy the API judges by (stale after N hours, unknown after N days), for the web to judge alike. */
  @Auth()
  @Get('policy')
  policy(): VacancyPolicy {
    return this.vacancies.policy;
  }

  /** Every role may search: coordinators and officers for placements, providers to see their area. */
  @Auth()
  @Get('search')
  find(@Query() q: VacancySearchDto) {
    return this.search.search(q);
  }

  /** The day-by-day calendar (○/△/×/?/停 per unit and night), filtered like the search; every role, like the board. */
  @Auth()
  @Get('calendar')
  async calendar(@Query() q: VacancyCalendarDto, @Res() res: Response) {
    // already JSON (VacancyCalendarWire): sent as is, with express's ETag like any JSON answer
    res.type('json').send(await this.calendars.calendar(q));
  }
}
