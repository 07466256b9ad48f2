'use strict';
/**
 * What grew between two V8 heap snapshots, by constructor (self sizes): `node bench/lib/heap-diff.js
 * before.heapsnapshot after.heapsnapshot [per]` — with `per` (e.g. the number of sockets added), per item.
 */
const fs = require('node:fs');

function summarize(file) {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
  const { node_fields: fields, node_types: [types] } = snap.snapshot.meta;
  const F = fields.length;
  const iType = fields.indexOf('type');
  const iName = fields.indexOf('name');
  const iSize = fields.indexOf('self_size');
  const by = new Map();
  const nodes = snap.nodes;
  for (let i = 0; i < nodes.length; i += F) {
    const type = types[nodes[i + iType]];
    const name = type === 'object' || type === 'closure' ? `${type}:${snap.strings[nodes[i + iName]]}` : type;
    const e = by.get(name) ?? { count: 0, size: 0 };
    e.count++;
    e.size += nodes[i + iSize];
    by.set(name, e);
  }
  return by;
}

const [a, b, per = '1'] = process.argv.slice(2);
const before = summarize(a);
const after = summarize(b);
const n = Number(per);
const rows = [...after].map(([name, e]) => {
  const o = before.get(name) ?? { count: 0, size: 0 };
  return { name, count: (e.count - o.count) / n, bytes: (e.size - o.size) / n };
});
rows.sort((x, y) => y.bytes - x.bytes);
let total = 0;
for (const r of rows) total += r.bytes;
console.log(`total ${(total / 1024).toFixed(1)} KB per item`);
for (const r of rows.slice(0, 40)) console.log(`${(r.bytes / 1024).toFixed(2).padStart(8)} KB  ${r.count.toFixed(1).padStart(7)} ×  ${r.name}`);
