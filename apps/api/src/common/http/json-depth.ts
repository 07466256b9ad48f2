import { AppException } from '../errors/app.exception';
import { HttpTexts } from '../errors/texts';

/** No request body of this API nests deeper than a few levels; 32 leaves ample room. */
export const MAX_JSON_DEPTH = 32;

/** How deep a parsed JSON value nests, counted without recursion (a hostile body must not overflow the stack here either). */
export function jsonDepth(value: unknown, stopAt = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) max = depth;
    if (max > stopAt) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return max;
}

/**
 * Refuses a JSON body nested deeper than `maxDepth` before validation: class-transformer and
 * class-validator recurse into nested objects, and a 30 KB body nested 5,000 deep overflows their stack.
 */
export function jsonDepthLimit(maxDepth = MAX_JSON_DEPTH) {
  return (req: { body?: unknown }, _res: unknown, next: (error?: unknown) => void) => {
    if (req.body !== null && typeof req.body === 'object' && !Buffer.isBuffer(req.body) && jsonDepth(req.body, maxDepth) > maxDepth) {
      next(
        AppException.invalidField('body', 'maxDepth', HttpTexts.bodyTooDeep(maxDepth)),
      );
      return;
    }
    next();
  };
}
