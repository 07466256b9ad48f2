import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ErrorCode, type ApiErrorBody } from '@akiwa/contracts';
import { PersonalDataDecryptError } from '../crypto/personal-data.cipher';
import { AppException } from './app.exception';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './db-unavailable';

type BodyParserError = Error & { type?: string; status?: number; statusCode?: number };

const HTTP_CODES: Record<number, { code: ErrorCode; ja: string; en: string }> = {
  400: { code: ErrorCode.ValidationFailed, ja: 'リクエストが正しくありません', en: 'Bad request' },
  401: { code: ErrorCode.Unauthenticated, ja: 'ログインが必要です', en: 'Authentication required' },
  403: { code: ErrorCode.Forbidden, ja: 'この操作を行う権限がありません', en: 'You may not do this' },
  404: { code: ErrorCode.NotFound, ja: '見つかりません', en: 'Not found' },
  405: { code: ErrorCode.MethodNotAllowed, ja: 'このメソッドは使えません', en: 'Method not allowed' },
  409: { code: ErrorCode.Conflict, ja: '他の変更と競合しました', en: 'Conflict' },
  413: { code: ErrorCode.PayloadTooLarge, ja: 'リクエストが大きすぎます', en: 'Request body too large' },
  415: { code: ErrorCode.UnsupportedMediaType, ja: 'この形式のデータは受け付けられません', en: 'Unsupported media type' },
  429: { code: ErrorCode.TooManyAttempts, ja: '試行回数が多すぎます。しばらくしてからお試しください', en: 'Too many attempts; try again later' },
};

/** Maps any failure to the one ApiErrorBody shape. Unknown errors become 500 and are logged. */
export function toErrorBody(error: unknown, requestId?: string): ApiErrorBody {
  if (error instanceof AppException) {
    return { status: error.status, code: error.code, message: error.bilingual, details: error.details, requestId, ...error.extra };
  }
  // Nest wraps body-parser and URI errors in an HttpException whose cause is the original
  const bp = ((error instanceof HttpException && error.cause) || error) as BodyParserError;
  if (bp?.type === 'entity.parse.failed' || (bp instanceof SyntaxError && bp.status === 400)) {
    return { status: 400, code: ErrorCode.MalformedJson, message: { ja: 'JSONの形式が正しくありません', en: 'Malformed JSON body' }, details: [], requestId };
  }
  if (bp?.type === 'entity.too.large') return fromStatus(413, requestId);
  if (bp?.type === 'encoding.unsupported' || bp?.type === 'charset.unsupported') return fromStatus(415, requestId);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = fromStatus(status, requestId);
    if (status === 404 && /^Cannot [A-Z]+ /.test(error.message)) {
      return { ...body, code: ErrorCode.RouteNotFound, message: { ja: 'このURLはありません', en: error.message } };
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
      message: { ja: 'データベースに一時的に接続できません。しばらくしてからもう一度お試しください', en: 'The database is temporarily unavailable; please try again shortly' },
      details: [],
      requestId,
    };
  }
  if (error instanceof PersonalDataDecryptError) {
    return {
      status: 500,
      code: ErrorCode.PersonalDataUnreadable,
      message: { ja: '個人情報を読み出せません（改ざんまたは鍵の不一致）。管理者に連絡してください', en: 'Stored personal data failed its integrity check; contact an administrator' },
      details: [],
      requestId,
    };
  }
  if (typeof bp?.status === 'number' && bp.status >= 400 && bp.status < 500) return fromStatus(bp.status, requestId);
  return { status: 500, code: ErrorCode.Internal, message: { ja: 'サーバーで問題が発生しました', en: 'Internal server error' }, details: [], requestId };
}

function fromStatus(status: number, requestId?: string): ApiErrorBody {
  const known = HTTP_CODES[status] ?? { code: ErrorCode.ValidationFailed, ja: 'リクエストが正しくありません', en: HttpStatus[status] ?? 'Error' };
  return { status, code: known.code, message: { ja: known.ja, en: known.en }, details: [], requestId };
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
