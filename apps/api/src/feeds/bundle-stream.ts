import { once } from 'node:events';
import { Logger } from '@nestjs/common';
import type { Response } from 'express';

const logger = new Logger('Feeds');
const CHUNK = 64 * 1024;

/**
 * Writes a JSON document whose one array (`key`) is streamed: the head's fields, then the items as
 * they come, with backpressure (a slow reader slows the producer instead of filling memory). An empty
 * array is left out (FHIR JSON has no empty arrays). A failure after the first byte cannot become an
 * error status any more: the connection is cut, so the reader gets invalid JSON rather than a valid,
 * silently truncated document.
 */
export async function streamJsonArray(res: Response, contentType: string, head: object, key: string, items: AsyncIterable<unknown>): Promise<void> {
  res.status(200);
  res.setHeader('content-type', contentType);
  const open = JSON.stringify(head).slice(0, -1);
  res.write(open);
  let first = true;
  // items are gathered into chunks of about 64 KB: one write per item would cost more than the JSON itself
  let chunk = '';
  try {
    for await (const item of items) {
      if (res.destroyed) return;
      chunk += `${first ? `,${JSON.stringify(key)}:[` : ','}${JSON.stringify(item)}`;
      first = false;
      if (chunk.length < CHUNK) continue;
      const ok = res.write(chunk);
      chunk = '';
      if (!ok) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    res.end(chunk + (first ? '}' : ']}'));
  } catch (e) {
    logger.error(`feed cut off after it began: ${(e as Error).stack ?? e}`);
    res.destroy(e as Error);
  }
}
