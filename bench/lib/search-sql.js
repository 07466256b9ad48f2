'use strict';
/**
 * The search SQL exactly as the API builds it: the compiled VacancySearchService is instantiated with
 * a data source that answers the reference-data queries from the scratch database and captures the
 * vacancy query (text and parameters) instead of running it. Then EXPLAIN (ANALYZE, BUFFERS) runs it.
 */
require('reflect-metadata');
const path = require('node:path');
const { Pool } = require('pg');
const { API_DIST, withClient } = require('./db');

async function captureSearchSql(databaseUrl, query) {
  const { VacancySearchService } = require(path.join(API_DIST, 'vacancies', 'vacancy-search.service.js'));
  const { VacanciesRepository } = require(path.join(API_DIST, 'vacancies', 'vacancies.repository.js'));
  const { AreaDirectory } = require(path.join(API_DIST, 'areas', 'area-directory.service.js'));
  const { AreaDirectoryRepository } = require(path.join(API_DIST, 'areas', 'area-directory.repository.js'));
  const { ServiceNights } = require(path.join(API_DIST, 'areas', 'service-nights.service.js'));
  const { SystemClock } = require(path.join(API_DIST, 'common', 'time', 'clock.js'));
  const c = new Pool({ connectionString: databaseUrl, max: 4 });
  try {
    let captured = null;
    const db = {
      async query(sql, params) {
        // the statement reading the units' nights: from the vacancy rows, or from their per-unit summary (unit_nights)
        if (/\b(vacancies|unit_nights)\b/.test(sql)) {
          captured = { sql, params };
          return [{ total: '0', id: null }];
        }
        return (await c.query(sql, params)).rows;
      },
    };
    const areas = new AreaDirectory(new AreaDirectoryRepository(db));
    const clock = new SystemClock();
    const service = new VacancySearchService(new VacanciesRepository(db), areas, { policy: { staleHours: 24, unknownDays: 7 } }, clock, new ServiceNights(clock, areas));
    await service.search({ limit: 20, offset: 0, ...query });
    if (!captured) throw new Error('the search service ran no query on vacancies or unit_nights');
    return captured;
  } finally {
    await c.end();
  }
}

function planNodes(node, out = []) {
  out.push(node);
  for (const child of node.Plans ?? []) planNodes(child, out);
  return out;
}

async function explainSearch(databaseUrl, query) {
  const { sql, params } = await captureSearchSql(databaseUrl, query);
  return withClient(databaseUrl, async (c) => {
    await c.query(sql, params); // warm, like the measured requests
    const json = (await c.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)).rows[0]['QUERY PLAN'][0];
    const text = (await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']);
    const nodes = planNodes(json.Plan);
    // the vacancy rows or their per-unit summary, whichever the search reads: neither may be scanned whole on a typical query
    const onVacancies = nodes.filter((n) => ['vacancies', 'unit_nights'].includes(n['Relation Name']));
    return {
      query,
      sql,
      params: params.map((p) => (p instanceof Date ? p.toISOString() : p)),
      executionMs: json['Execution Time'],
      planningMs: json['Planning Time'],
      vacanciesAccess: onVacancies.map((n) => ({ relation: n['Relation Name'], node: n['Node Type'], index: n['Index Name'] ?? null, rows: n['Actual Rows'], loops: n['Actual Loops'], heapFetches: n['Heap Fetches'] ?? null })),
      seqScansOnVacancies: onVacancies.filter((n) => n['Node Type'] === 'Seq Scan').length,
      seqScans: nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']),
      sharedHitBlocks: json.Plan['Shared Hit Blocks'],
      sharedReadBlocks: json.Plan['Shared Read Blocks'],
      text,
    };
  });
}

module.exports = { captureSearchSql, explainSearch };
