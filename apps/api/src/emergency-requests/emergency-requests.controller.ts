import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { PaginationQuery } from '../common/http/pagination.dto';
import { ParseId } from '../common/http/parse-id.pipe';
import { AcceptRequestDto, AddNoteDto, ConfirmOfferDto, CreateEmergencyRequestDto, DeclineRequestDto, ListRequestsQuery, SetFollowUpDto, UpdatePersonDto } from './emergency-request.dto';
import { RequestQueries } from './request-queries.service';
import { ConfirmOfferUseCase } from './use-cases/confirm-offer.usecase';
import { ManageRequestUseCase } from './use-cases/manage-request.usecase';
import { PostRequestUseCase } from './use-cases/post-request.usecase';
import { RespondToRequestUseCase } from './use-cases/respond-to-request.usecase';
import { WidenRequestUseCase } from './use-cases/widen-request.usecase';

/** Coordinators post and follow their organisation's requests; providers answer the ones sent to them. */
@ApiTags('emergency-requests')
@Controller('emergency-requests')
export class EmergencyRequestsController {
  constructor(
    private readonly post: PostRequestUseCase,
    private readonly respond: RespondToRequestUseCase,
    private readonly confirmOffer: ConfirmOfferUseCase,
    private readonly widenRequest: WidenRequestUseCase,
    private readonly manage: ManageRequestUseCase,
    private readonly queries: RequestQueries,
  ) {}

  @Auth(Role.Coordinator)
  @Post()
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateEmergencyRequestDto) {
    return this.post.execute(auth, dto);
  }

  @Auth(Role.Coordinator)
  @Get()
  list(@CurrentUser() auth: AuthUser, @Query() q: ListRequestsQuery) {
    return this.queries.list(auth, q);
  }

  /** Includes the person: an audited read. */
  @Auth(Role.Coordinator)
  @Get(':id')
  get(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.queries.detail(auth, id);
  }

  @Auth(Role.ProviderStaff)
  @Post(':id/accept')
  @ApiConflictResponse({ description: 'capacity_exceeded (no bed any more on a night), conflict (not open, already offered)' })
  accept(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: AcceptRequestDto) {
    return this.respond.accept(auth, id, dto);
  }

  @Auth(Role.ProviderStaff)
  @Post(':id/decline')
  @HttpCode(200)
  decline(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: DeclineRequestDto) {
    return this.respond.decline(auth, id, dto);
  }

  @Auth(Role.Coordinator)
  @Post(':id/confirm')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'conflict: the request is not open, already placed, or the offer is no longer held' })
  confirm(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: ConfirmOfferDto) {
    return this.confirmOffer.execute(auth, id, dto);
  }

  @Auth(Role.Coordinator)
  @Post(':id/widen')
  @HttpCode(200)
  widen(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.widenRequest.widenNow(auth, id);
  }

  @Auth(Role.Coordinator)
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.manage.cancel(auth, id);
  }

  @Auth(Role.Coordinator)
  @Post(':id/notes')
  addNote(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: AddNoteDto) {
    return this.manage.addNote(auth, id, dto);
  }

  /** The unregistered person flow: identity added or corrected after posting (open or placed); the placed provider then sees it. */
  @Auth(Role.Coordinator)
  @Put(':id/person')
  updatePerson(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: UpdatePersonDto) {
    return this.manage.updatePerson(auth, id, dto);
  }

  @Auth(Role.Coordinator)
  @Put(':id/follow-up')
  setFollowUp(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: SetFollowUpDto) {
    return this.manage.setFollowUp(auth, id, dto);
  }
}

/** A provider's emergency inbox: the requests sent to its organisation, de-identified until it is the placement. */
@ApiTags('emergency-requests')
@Controller('inbox')
export class InboxController {
  constructor(private readonly queries: RequestQueries) {}

  @Auth(Role.ProviderStaff)
  @Get()
  list(@CurrentUser() auth: AuthUser, @Query() q: PaginationQuery) {
    return this.queries.inbox(auth, q);
  }

  @Auth(Role.ProviderStaff)
  @Get(':requestId')
  get(@CurrentUser() auth: AuthUser, @Param('requestId', ParseId('requestId')) requestId: string) {
    return this.queries.inboxItem(auth, requestId);
  }
}

@ApiTags('emergency-requests')
@Controller('offers')
export class OffersController {
  constructor(private readonly respond: RespondToRequestUseCase) {}

  @Auth(Role.ProviderStaff)
  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.respond.withdraw(auth, id);
  }
}
