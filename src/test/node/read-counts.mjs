// Reads a gexflow sparse counts file with the independent apache-arrow JS library and prints a JSON summary:
// node read-counts.mjs FILE  ->  {"rows":..,"columns":[..],"layout":..,"genes":[..],"treatments":[..],
//                                 "ids":[..],"treatmentsPerCell":[[..]],"indices":[[..]],"values":[[..]],"obs":{..}}
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';

const table = tableFromIPC(readFileSync(process.argv[2]));
const meta = table.schema.metadata;
const lists = new Set(['id', 'treatments', 'indices', 'values']);
const obsNames = table.schema.fields.map((f) => f.name).filter((n) => !lists.has(n));
const out = {
  rows: table.numRows,
  columns: table.schema.fields.map((f) => `${f.name}:${f.type}`),
  layout: meta.get('gexflow.layout'),
  genes: JSON.parse(meta.get('gexflow.features')),
  treatments: JSON.parse(meta.get('gexflow.treatments')),
  ids: [],
  treatmentsPerCell: [],
  indices: [],
  values: [],
  obs: {},
};
for (const n of obsNames) out.obs[n] = [];
for (let i = 0; i < table.numRows; i++) {
  const row = table.get(i);
  out.ids.push(row.id);
  out.treatmentsPerCell.push(Array.from(row.treatments.toArray()));
  out.indices.push(Array.from(row.indices.toArray()));
  out.values.push(Array.from(row.values.toArray()));
  for (const n of obsNames) out.obs[n].push(row[n] === null ? null : row[n]);
}
process.stdout.write(JSON.stringify(out));
