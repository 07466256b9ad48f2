'use strict';
/** Summarises a V8 CPU profile: self time by package and the hottest functions. */
function summarizeProfile(profile, top = 20) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const category = (url, fn) => {
    if (!url) return fn.startsWith('(') ? fn : '(native)';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1];
    if (url.includes('/apps/api/dist/')) return 'akiwa-api';
    if (url.includes('/libs/')) return 'akiwa-libs';
    if (url.startsWith('node:')) return 'node-core';
    return url;
  };
  const cats = new Map();
  const fns = new Map();
  for (const [id, us] of self) {
    const n = byId.get(id);
    const { functionName, url, lineNumber } = n.callFrame;
    const cat = category(url, functionName || '(anonymous)');
    cats.set(cat, (cats.get(cat) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^.*\/apps\/api\/dist\//, 'api/')}:${lineNumber + 1}` : ''}`.trim();
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const pct = (us) => Math.round((us / total) * 1000) / 10;
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    sampledMs: Math.round(total / 1000),
    byPackage: sorted(cats).slice(0, top).map(([name, us]) => ({ name, percent: pct(us) })),
    hottestFunctions: sorted(fns).slice(0, top).map(([name, us]) => ({ name, percent: pct(us) })),
  };
}
module.exports = { summarizeProfile };
