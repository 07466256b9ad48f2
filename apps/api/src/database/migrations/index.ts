import { Foundation1764000000000 } from './1764000000000-foundation';

/** In order. Each feature appends its own; never edit one that has shipped. */
export const MIGRATIONS = [Foundation1764000000000];
