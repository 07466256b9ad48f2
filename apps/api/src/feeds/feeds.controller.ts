import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ApiKeyScope } from '@akiwa/contracts';
import { CurrentFeedCaller, FeedAuth } from './api-key.guard';
import type { FeedCaller } from './api-keys.service';
import { streamJsonArray } from './bundle-stream';
import { FeedAreaQuery, FeedNightsQuery, OpenDataQuery } from './feed.dto';
import { SnapshotFeedsService } from './snapshots/snapshot-feeds.service';
import { searchsetHead } from './fhir/fhir-resources';
import { FhirFeedService } from './fhir/fhir-feed.service';
import { EdxlFeedService } from './edxl/edxl-feed.service';
import { Clock } from '../common/time/clock';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** The open feeds (read-only, API keys only), of the key's prefecture or an area inside it. */
@ApiTags('feeds')
@FeedAuth()
@Controller('feeds')
export class FeedsController {
  constructor(
    private readonly fhir: FhirFeedService,
    private readonly edxl: EdxlFeedService,
    private readonly snapshots: SnapshotFeedsService,
    private readonly clock: Clock,
  ) {}

  /** What the calling key may read: a consumer's check of its configuration. */
  @Get('key')
  key(@CurrentFeedCaller() caller: FeedCaller): ApiKeyScope {
    return caller;
  }

  private stream(res: Response, entries: AsyncIterable<unknown>) {
    return streamJsonArray(res, FHIR_JSON, searchsetHead(this.clock.now()), 'entry', entries);
  }

  /** FHIR R4 Bundle of the providers with units in the area (contacts only from public profiles). */
  @Get('fhir/Organization')
  @ApiProduces(FHIR_JSON)
  async organizations(@CurrentFeedCaller() caller: FeedCaller, @Query() q: FeedAreaQuery, @Res() res: Response) {
    await this.stream(res, await this.fhir.organizations(caller, q));
  }

  /** FHIR R4 Bundle of the units as Locations, operationalStatus = tonight's bed status (v2-0116 U/O/C). */
  @Get('fhir/Location')
  @ApiProduces(FHIR_JSON)
  async locations(@CurrentFeedCaller() caller: FeedCaller, @Query() q: FeedAreaQuery, @Res() res: Response) {
    await this.stream(res, await this.fhir.locations(caller, q));
  }

  /** FHIR R4 Bundle of the units as HealthcareServices, eligibility from their acceptance profile. */
  @Get('fhir/HealthcareService')
  @ApiProduces(FHIR_JSON)
  async healthcareServices(@CurrentFeedCaller() caller: FeedCaller, @Query() q: FeedAreaQuery, @Res() res: Response) {
    await this.stream(res, await this.fhir.healthcareServices(caller, q));
  }

  /** FHIR R4 Bundle, streamed: per unit a Schedule and one Slot per night (free / busy / busy-unavailable). */
  @Get('fhir/Slot')
  @ApiProduces(FHIR_JSON)
  async slots(@CurrentFeedCaller() caller: FeedCaller, @Query() q: FeedNightsQuery, @Res() res: Response) {
    await this.stream(res, await this.fhir.slots(caller, q));
  }

  /** EDXL-HAVE 2.0-shaped XML: per provider, tonight's beds per bed type (mapping: docs/feeds.md). */
  @Get('edxl-have')
  @Header('content-type', 'application/xml; charset=utf-8')
  @ApiProduces('application/xml')
  edxlHave(@CurrentFeedCaller() caller: FeedCaller, @Query() q: FeedAreaQuery): Promise<string> {
    return this.edxl.capacity(caller, q);
  }

  /** The daily snapshot for an open-data portal: one row per unit for a night, UTF-8 with BOM, Japanese headers, no personal data. */
  @Get('open-data.csv')
  @ApiProduces('text/csv')
  async openData(@CurrentFeedCaller() caller: FeedCaller, @Query() q: OpenDataQuery, @Res() res: Response) {
    const { filename, csv } = await this.snapshots.openDataCsv(caller, q);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${filename}"`);
    res.send(csv);
  }

  /** The key's provider's approved trial stays as an iCalendar feed for its staff calendar (no names). */
  @Get('trial-stays.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  trialStays(@CurrentFeedCaller() caller: FeedCaller): Promise<string> {
    return this.snapshots.trialStaysIcs(caller);
  }
}
