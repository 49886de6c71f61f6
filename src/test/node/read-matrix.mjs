// Reads a gexflow matrix file with the independent apache-arrow JS library and prints a JSON summary:
// node read-matrix.mjs FILE  ->  {"rows":..,"features":[..],"ids":[..],"x":[[..],..],"obs":{..},"provenance":{..}}
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';

const table = tableFromIPC(readFileSync(process.argv[2]));
const meta = table.schema.metadata;
const out = {
  rows: table.numRows,
  columns: table.schema.fields.map((f) => `${f.name}:${f.type}`),
  features: JSON.parse(meta.get('gexflow.features')),
  provenance: meta.has('gexflow.provenance') ? JSON.parse(meta.get('gexflow.provenance')) : null,
  ids: [],
  x: [],
  obs: {},
};
const obsNames = table.schema.fields.map((f) => f.name).filter((n) => n !== 'id' && n !== 'x');
for (const n of obsNames) out.obs[n] = [];
for (let i = 0; i < table.numRows; i++) {
  const row = table.get(i);
  out.ids.push(row.id);
  out.x.push(Array.from(row.x.toArray()));
  for (const n of obsNames) out.obs[n].push(row[n] === null ? null : row[n]);
}
process.stdout.write(JSON.stringify(out));
