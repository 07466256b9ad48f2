import { createServer, type Server } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Histogram } from 'prom-client';
import type { DataSource } from 'typeorm';
import { AdmissionGate } from '../common/http/admission';
import { ENV, type ResolvedEnv } from '../config/env';
import { OutboxRelay } from '../events/outbox-relay.service';
import { RealtimeService } from '../realtime/realtime.service';
import { RedisLink } from '../realtime/redis-link';
import { MetricsRegistry } from './metrics.registry';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * The instance's metrics: the event stream (committed, published, relayed, delivered, replayed,
 * relay lag), sockets, HTTP latency by route, the database pool and Redis. Gauges are read on scrape.
 * Served at GET /api/metrics with `Authorization: Bearer METRICS_TOKEN`, or on METRICS_PORT (internal).
 */
@Injectable()
export class MetricsCollector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  readonly http: Histogram<'method' | 'route' | 'status'>;
  private internal?: Server;

  constructor(
    private readonly metrics: MetricsRegistry,
    @InjectDataSource() private readonly db: DataSource,
    relay: OutboxRelay,
    realtime: RealtimeService,
    redis: RedisLink,
    @Inject(ENV) private readonly env: ResolvedEnv,
    gate: AdmissionGate,
  ) {
    const registers = [metrics.registry];
    this.http = new Histogram({
      name: 'akiwa_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
      registers,
    });
    const stream = { committed: 0, published: 0 };
    new Gauge({
      name: 'akiwa_events_committed_total',
      help: 'Durable events committed to the outbox (whole deployment)',
      registers,
      collect: async function () {
        this.set(stream.committed);
      },
    });
    new Gauge({
      name: 'akiwa_events_published_total',
      help: 'Durable events sequenced for delivery (whole deployment; the stream head)',
      registers,
      collect: async function () {
        this.set(stream.published);
      },
    });
    const unpublished = new Gauge({ name: 'akiwa_events_unpublished', help: 'Committed events not sequenced yet', registers });
    const sample = async () => {
      const [row] = await this.db.query(
        `SELECT (SELECT last_value FROM outbox_position_seq)::float8 AS published,
                (SELECT count(*) FROM outbox_events WHERE position IS NULL)::float8 AS unpublished`,
      );
      stream.published = row.published;
      stream.committed = row.published + row.unpublished;
      unpublished.set(row.unpublished);
    };
    this.refresh = sample; // run before each scrape, so the gauges above read a fresh sample
    new Gauge({ name: 'akiwa_events_relayed', help: 'Events this instance’s relay emitted to its sockets', registers, collect() { this.set(relay.stats.published); } });
    new Gauge({ name: 'akiwa_events_delivered', help: 'Deliveries (socket × event) by this instance', registers, collect() { this.set(realtime.delivered); } });
    new Gauge({ name: 'akiwa_relay_sequencer_runs', help: 'Times this instance’s relay ran the sequencer (one per write it sequenced, not one per NOTIFY)', registers, collect() { this.set(relay.stats.sequencerRuns); } });
    new Gauge({ name: 'akiwa_relay_reads', help: 'Outbox reads by this instance’s relay (what it did not sequence itself)', registers, collect() { this.set(relay.stats.reads); } });
    new Gauge({ name: 'akiwa_relay_lag_seconds', help: 'Commit → relay emit of the last event relayed', registers, collect() { this.set(relay.stats.lastLagMs / 1000); } });
    new Gauge({ name: 'akiwa_relay_cursor', help: 'Last position this instance delivered', registers, collect() { this.set(realtime.lastDelivered); } });
    new Gauge({
      name: 'akiwa_relay_up',
      help: '1 when the relay listens (LISTEN/NOTIFY), 0.5 when polling only, 0 when failing',
      registers,
      collect() {
        this.set({ up: 1, polling: 0.5, down: 0, stopped: 0 }[relay.state]);
      },
    });
    new Gauge({ name: 'akiwa_sockets', help: 'Sockets connected to this instance', registers, collect() { this.set(realtime.localSockets); } });
    new Gauge({ name: 'akiwa_redis_up', help: '1 up, 0 down, -1 not configured', registers, collect() { this.set({ up: 1, down: 0, disabled: -1 }[redis.state]); } });
    new Gauge({ name: 'akiwa_redis_dropped_publishes', help: 'Adapter publishes dropped while Redis was down', registers, collect() { this.set(redis.droppedPublishes); } });
    const pool = () => (this.db.driver as unknown as { master?: PgPool }).master;
    new Gauge({ name: 'akiwa_db_pool_connections', help: 'Pooled database connections', registers, collect() { this.set(pool()?.totalCount ?? 0); } });
    new Gauge({ name: 'akiwa_db_pool_idle', help: 'Idle pooled database connections', registers, collect() { this.set(pool()?.idleCount ?? 0); } });
    new Gauge({ name: 'akiwa_db_pool_waiting', help: 'Requests waiting for a pooled connection', registers, collect() { this.set(pool()?.waitingCount ?? 0); } });
    new Gauge({ name: 'akiwa_http_in_flight', help: 'API requests being worked on', registers, collect() { this.set(gate.inFlight); } });
    new Gauge({ name: 'akiwa_http_queued', help: 'API requests waiting for a place (bounded queue)', registers, collect() { this.set(gate.queued); } });
    new Gauge({
      name: 'akiwa_http_shed_total',
      help: 'API requests refused with 503 because the instance was at capacity',
      labelNames: ['reason'],
      registers,
      collect() {
        for (const [reason, n] of Object.entries(gate.shed)) this.set({ reason }, n);
      },
    });
    new Gauge({ name: 'akiwa_db_pool_max', help: 'Pool size limit', registers, collect() { this.set(env.DB_POOL_MAX); } });
  }

  private readonly refresh: () => Promise<void>;

  /** The exposition text (the database sample failing leaves the stream gauges at their last value). */
  async render(): Promise<{ contentType: string; body: string }> {
    await this.refresh().catch(() => undefined);
    return { contentType: this.metrics.registry.contentType, body: await this.metrics.registry.metrics() };
  }

  onApplicationBootstrap() {
    if (!this.env.METRICS_PORT) return;
    this.internal = createServer((req, res) => {
      if (req.url !== '/metrics') return res.writeHead(404).end();
      this.render().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    });
    this.internal.on('error', (err) => this.logger.warn(`metrics port: ${err.message}`));
    this.internal.listen(this.env.METRICS_PORT, this.env.HOST);
  }

  onApplicationShutdown() {
    this.internal?.close();
  }
}
