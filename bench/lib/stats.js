'use strict';
/** Percentiles and summaries of latency samples (milliseconds). */

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function summarize(samples) {
  const s = Float64Array.from(samples).sort();
  const n = s.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i];
  const r = (x) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);
  return { count: n, min: r(s[0]), mean: r(n ? sum / n : NaN), p50: r(percentile(s, 50)), p90: r(percentile(s, 90)), p99: r(percentile(s, 99)), max: r(s[n - 1]) };
}

module.exports = { percentile, summarize };
