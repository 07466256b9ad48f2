import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '../metrics/metrics.registry';

/** Counters of the event stream that are incremented where things happen (the rest are collected on scrape). */
@Injectable()
export class EventMetrics {
  readonly replayed: Counter;
  readonly replayResets: Counter;

  constructor(metrics: MetricsRegistry) {
    this.replayed = new Counter({ name: 'akiwa_events_replayed_total', help: 'Events sent to reconnecting sockets by events:replay', registers: [metrics.registry] });
    this.replayResets = new Counter({ name: 'akiwa_event_replay_resets_total', help: 'Replays answered with reset (gap older than retention or too long)', registers: [metrics.registry] });
  }
}
