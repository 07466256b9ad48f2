import type { VacancyCalendarWire, VacancyCalendarWireRow } from '@akiwa/contracts';
import type { CalendarRowEncoder } from '@akiwa/domain';

/** A calendar row's unit part (VacancyCalendarWireRow's `unit` and `distance`), as the response carries it. */
export type CalendarRowHead = Pick<VacancyCalendarWireRow, 'unit' | 'distance'>;

/**
 * The opening of a calendar row's JSON up to its `pausedThrough` value: `{"unit":{…},"distance":d,"pausedThrough":`,
 * UTF-8. It depends only on the unit, so a kept calendar page keeps it (a unit's JSON was two thirds of
 * a month calendar's 300 KB, and serialising and encoding it per request a third of the API's CPU).
 */
export function calendarRowHead(head: CalendarRowHead): Buffer {
  return Buffer.from(`{"unit":${JSON.stringify(head.unit)},"distance":${JSON.stringify(head.distance)},"pausedThrough":`);
}

const NULL = Buffer.from('null');
const MARKS = Buffer.from(',"marks":"');
const FRESHNESS = Buffer.from('","freshness":"');
const AVAILABLE = Buffer.from('","available":[');
const CLOSE = Buffer.from(']}');

/**
 * The calendar's response (VacancyCalendarWire) written as JSON bytes: each row's kept head, then its
 * `pausedThrough` and its nights straight from `CalendarRowEncoder.write` (ASCII codes and numbers),
 * without a string or object per row. The same JSON as `JSON.stringify` of the response object, keys
 * in the same order (vacancy-calendar e2e compares the two).
 */
export class CalendarResponseWriter {
  private buf: Buffer;
  private pos = 0;
  private rows = 0;
  private marksAt = 0;
  private freshnessAt = 0;
  private readonly available: number[] = [];
  /** The encoder's cell callback, made once: the row being written is in the fields above. */
  private readonly cell = (i: number, mark: string, freshness: string, available: number) => {
    this.buf[this.marksAt + i] = mark.charCodeAt(0);
    this.buf[this.freshnessAt + i] = freshness.charCodeAt(0);
    this.available[i] = available;
  };

  constructor(sizeHint: number) {
    this.buf = Buffer.allocUnsafe(Math.max(1024, sizeHint));
    this.ascii('{"items":[');
  }

  /** One row: its head (`calendarRowHead`), then what the encoder holds for its unit. */
  row(head: Buffer, pausedThrough: string | null, encoder: CalendarRowEncoder, capacity: number, nights: number): void {
    // room for all but unusually long numbers (`int` makes its own)
    this.room(head.length + 120 + nights * 6);
    if (this.rows++ > 0) this.buf[this.pos++] = 0x2c; // ,
    this.pos += head.copy(this.buf, this.pos);
    if (pausedThrough === null) this.constant(NULL);
    else this.ascii(JSON.stringify(pausedThrough));
    this.constant(MARKS);
    this.marksAt = this.pos;
    this.pos += nights;
    this.constant(FRESHNESS);
    this.freshnessAt = this.pos;
    this.pos += nights;
    this.constant(AVAILABLE);
    encoder.write(capacity, pausedThrough, this.cell);
    for (let i = 0; i < nights; i++) {
      if (i > 0) this.buf[this.pos++] = 0x2c; // ,
      this.int(this.available[i]);
    }
    this.constant(CLOSE);
  }

  /** The response's bytes, closed by its page fields. */
  end(page: Omit<VacancyCalendarWire, 'items'>): Buffer {
    const { total, limit, offset, from, nights } = page;
    this.ascii('],');
    this.ascii(JSON.stringify({ total, limit, offset, from, nights }).slice(1));
    return this.buf.subarray(0, this.pos);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** A few bytes (within the row's room): a loop is cheaper than a native copy for these. */
  private constant(b: Uint8Array): void {
    for (let j = 0; j < b.length; j++) this.buf[this.pos++] = b[j];
  }

  private int(n: number): void {
    if (!Number.isInteger(n) || n < 0 || n >= 100) return this.ascii(String(n));
    if (n >= 10) this.buf[this.pos++] = 48 + Math.floor(n / 10);
    this.buf[this.pos++] = 48 + (n % 10);
  }

  /** Text known to be ASCII (codes, numbers, JSON of ASCII strings). */
  private ascii(s: string): void {
    this.room(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }
}
