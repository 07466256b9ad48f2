import { ErrorCode } from '@akiwa/contracts';
import { AppException } from '../common/errors/app.exception';
import { RequestTexts, Things } from '../common/errors/texts';

/** The feature's failures, each with its stable code; their texts are in the catalogue (RequestTexts). */
export const RequestErrors = {
  notFound: () => AppException.notFound(Things.emergencyRequest),
  offerNotFound: () => AppException.notFound(Things.offer),
  otherOrganisation: () => AppException.forbidden(RequestTexts.otherOrganisation),
  notOpen: (status: string) => new AppException(ErrorCode.Conflict, RequestTexts.notOpen(status), [], { requestStatus: status }),
  offerNotHeld: () => new AppException(ErrorCode.Conflict, RequestTexts.offerNotHeld),
  alreadyOffered: () => new AppException(ErrorCode.Conflict, RequestTexts.alreadyOffered),
  alreadyPlaced: () => new AppException(ErrorCode.Conflict, RequestTexts.alreadyPlaced),
  capacityExceeded: (night: string) =>
    new AppException(ErrorCode.CapacityExceeded, RequestTexts.capacityExceeded(night), [
      { field: 'unitId', code: 'capacity_exceeded', message: RequestTexts.capacityExceededField(night) },
    ]),
  unitNotMatching: () => AppException.invalidField('unitId', 'not_matching', RequestTexts.unitNotMatching),
  withdrawFirst: () => new AppException(ErrorCode.Conflict, RequestTexts.withdrawFirst),
  widestScope: () => new AppException(ErrorCode.Conflict, RequestTexts.widestScope),
};
