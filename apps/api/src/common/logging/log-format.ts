import type { DestinationStream, LogFn } from 'pino';
import pinoPretty from 'pino-pretty';
import type { Env } from '../../config/env';

/** Nest's start-up chatter (one line per module and route): left out of readable development logs. */
const QUIET_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController', 'NestFactory', 'NestApplication']);

/**
 * JSON lines in production (and tests); in development readable one-line logs written synchronously,
 * so that the start banner printed after `listen` really comes last.
 */
export function loggerStream(env: Pick<Env, 'LOG_FORMAT' | 'NODE_ENV'>): DestinationStream {
  const format = env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json');
  if (format === 'json') return process.stdout;
  return pinoPretty({
    sync: true,
    colorize: process.stdout.isTTY,
    singleLine: true,
    translateTime: 'HH:MM:ss',
    // a request is one short line: method, URL, status, time
    messageFormat: '{if req.method}{req.method} {req.url} → {res.statusCode} ({responseTime} ms) {end}{if context}[{context}] {end}{msg}',
    ignore: 'pid,hostname,req,res,responseTime,context',
  });
}

export function quietFrameworkLogs(this: unknown, args: Parameters<LogFn>, method: LogFn): void {
  const first = args[0] as { context?: unknown } | undefined;
  if (first && typeof first === 'object' && QUIET_CONTEXTS.has(String(first.context))) return;
  method.apply(this, args);
}
