import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ErrorCode, type ApiErrorBody, type VacancySubscription } from '@akiwa/contracts';
import { AppException } from '../common/errors/app.exception';
import { toErrorBody } from '../common/errors/all-exceptions.filter';
import { flattenValidationErrors } from '../common/errors/validation-messages';
import { AreaDirectory } from '../areas/area-directory.service';
import type { AkiwaSocket } from '../realtime/realtime.types';
import { VacancySubscriptionDto } from './vacancy.dto';
import { areaProblem } from './vacancy-search.service';
import { AuthTexts, VacancyTexts } from '../common/errors/texts';

const AREA_ROOM_PREFIX = 'area:';
type AckResult<T> = { ok: true; data?: T } | { ok: false; error: ApiErrorBody };

/**
 * Live boards. A socket follows exactly one area (a municipality, a region or a prefecture); vacancy
 * and unit changes are sent to the rooms of the unit's area only (see AreaDirectory.roomsForUnit).
 * Shares the socket.io server of RealtimeGateway, whose middleware has authenticated the socket.
 */
@WebSocketGateway({ transports: ['websocket'], cors: { origin: true } })
export class VacanciesGateway {
  private readonly logger = new Logger('VacancyBoards');

  constructor(private readonly areas: AreaDirectory) {}

  @SubscribeMessage('vacancies:subscribe')
  async subscribe(@ConnectedSocket() socket: AkiwaSocket, @MessageBody() payload: unknown): Promise<AckResult<{ rooms: string[] }>> {
    try {
      if (!socket.data.user) throw new AppException(ErrorCode.Unauthenticated, AuthTexts.authenticationRequired);
      const area = await this.checkedArea(payload);
      const room = this.areas.roomFor(area);
      await this.leaveAreaRooms(socket);
      await socket.join(room);
      return { ok: true, data: { rooms: [room] } };
    } catch (e) {
      if (!(e instanceof AppException)) this.logger.error({ err: e, userId: socket.data.user?.userId }, 'vacancies:subscribe failed');
      return { ok: false, error: toErrorBody(e) };
    }
  }

  @SubscribeMessage('vacancies:unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: AkiwaSocket): Promise<AckResult<undefined>> {
    await this.leaveAreaRooms(socket);
    return { ok: true };
  }

  private async leaveAreaRooms(socket: AkiwaSocket) {
    for (const room of [...socket.rooms]) if (room.startsWith(AREA_ROOM_PREFIX)) await socket.leave(room);
  }

  /** Exactly one of prefectureCode, regionId, municipalityCode, and a known one. */
  private async checkedArea(payload: unknown): Promise<VacancySubscription> {
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw oneAreaRequired();
    const dto = plainToInstance(VacancySubscriptionDto, payload);
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
    if (errors.length) {
      const details = flattenValidationErrors(errors);
      throw new AppException(ErrorCode.ValidationFailed, AppException.summary([details[0].field]), details);
    }
    const given = (['municipalityCode', 'regionId', 'prefectureCode'] as const).filter((k) => dto[k] !== undefined);
    if (given.length !== 1) throw oneAreaRequired();
    const problem = await this.areas.check(dto);
    if (problem) throw areaProblem(problem.field, problem.code);
    return dto;
  }
}

const oneAreaRequired = () =>
  AppException.invalidField('area', 'exactly_one_area', VacancyTexts.exactlyOneArea);
