import type { TransformFnParams } from 'class-transformer';

/**
 * Query strings carry text: 'true'/'false' become booleans; anything else is left as is, so that
 * @IsBoolean() names the field instead of a typo silently meaning false.
 */
export const queryBoolean = ({ value }: TransformFnParams) => (value === 'true' ? true : value === 'false' ? false : value);

/** A list given as repeated parameters (`needs=a&needs=b`), a comma list (`needs=a,b`), or both. */
export const queryList = ({ value }: TransformFnParams) => {
  if (value === undefined || value === '') return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  return parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '');
};
