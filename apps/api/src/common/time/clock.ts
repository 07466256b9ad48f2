/**
 * "Now" for every rule that depends on it (tonight, deadlines, holds, freshness). Injected, so a test
 * can run the whole app at 01:30 on a fixed night: `startTestApp({}, { clock: new TestClock(at) })`.
 * SQL that depends on the time takes it as a parameter from here, never from `now()`.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until it is set or advanced (tests). */
export class TestClock extends Clock {
  private at: number;

  constructor(at: Date | string = new Date()) {
    super();
    this.at = new Date(at).getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  set(at: Date | string): void {
    this.at = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.at += ms;
  }
}
