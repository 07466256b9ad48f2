import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ErrorCode, type ApiErrorBody } from '@akiwa/contracts';
import { PersonalDataDecryptError } from '../crypto/personal-data.cipher';
import { AppException } from './app.exception';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './db-unavailable';
import { HttpTexts } from './texts';

type BodyParserError = Error & { type?: string; status?: number; statusCode?: number };

const HTTP_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.TooManyAttempts,
};

/** Maps any failure to the one ApiErrorBody shape. Unknown errors become 500 and are logged. */
export function toErrorBody(error: unknown, requestId?: string): ApiErrorBody {
  if (error instanceof AppException) {
    return { status: error.status, code: error.code, message: error.bilingual, details: error.details, requestId, ...error.extra };
  }
  // Nest wraps body-parser and URI errors in an HttpException whose cause is the original
  const bp = ((error instanceof HttpException && error.cause) || error) as BodyParserError;
  if (bp?.type === 'entity.parse.failed' || (bp instanceof SyntaxError && bp.status === 400)) {
    return { status: 400, code: ErrorCode.MalformedJson, message: HttpTexts.malformedJson, details: [], requestId };
  }
  if (bp?.type === 'entity.too.large') return fromStatus(413, requestId);
  if (bp?.type === 'encoding.unsupported' || bp?.type === 'charset.unsupported') return fromStatus(415, requestId);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = fromStatus(status, requestId);
    if (status === 404 && /^Cannot [A-Z]+ /.test(error.message)) {
      return { ...body, code: ErrorCode.RouteNotFound, message: HttpTexts.routeNotFound(error.message) };
    }
    return body;
  }
  if (error instanceof QueryFailedError) {
    const code = (error as QueryFailedError & { code?: string }).code;
    if (code === '23505' || code === '23P01' || code === '40001' || code === '40P01') return fromStatus(409, requestId);
    if (code === '22P02' || code === '22007' || code === '22008' || code === '22003') return fromStatus(400, requestId);
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      code: ErrorCode.ServiceUnavailable,
      message: HttpTexts.databaseUnavailable,
      details: [],
      requestId,
    };
  }
  if (error instanceof PersonalDataDecryptError) {
    return {
      status: 500,
      code: ErrorCode.PersonalDataUnreadable,
      message: HttpTexts.personalDataUnreadable,
      details: [],
      requestId,
    };
  }
  if (typeof bp?.status === 'number' && bp.status >= 400 && bp.status < 500) return fromStatus(bp.status, requestId);
  return { status: 500, code: ErrorCode.Internal, message: HttpTexts.internal, details: [], requestId };
}

function fromStatus(status: number, requestId?: string): ApiErrorBody {
  const code = HTTP_CODES[status] ?? ErrorCode.ValidationFailed;
  const message = HttpTexts.byStatus[status] ?? HttpTexts.otherStatus(HttpStatus[status] ?? 'Error');
  return { status, code, message: { ...message }, details: [], requestId };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') throw error; // sockets answer through their own ack path
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<{ id?: string; headers: Record<string, unknown> }>();
    const res = ctx.getResponse<{ status(n: number): { json(b: unknown): void }; setHeader(k: string, v: string): void; headersSent: boolean }>();
    const given = req?.headers?.['x-request-id'];
    const body = toErrorBody(error, req?.id ? String(req.id) : typeof given === 'string' ? given.slice(0, 64) : undefined);
    if (body.status === 503) this.logger.warn({ requestId: body.requestId, reason: (error as Error)?.message }, 'Database unavailable');
    else if (body.status >= 500) this.logger.error({ err: error, requestId: body.requestId }, 'Unhandled error');
    if (res.headersSent) return;
    if (body.status === 503) res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    const retryAfter = (body as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res.status(body.status).json(body);
  }
}
