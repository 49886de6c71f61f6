#!/usr/bin/env node
// Derives GSE70138-style tables from the metadata of cmapPy's test_l1000.gctx (real L1000 profiles,
// 978 landmark genes x 377 samples of A375 cells, kinase-inhibitor plate LJP005; BSD-3-Clause, see
// LICENSE.txt), so that -profile test and the tests run `gexflow prepare-lincs` exactly as on the real
// GEO files:
//
//   node test-data/lincs/make-tables.mjs test-data/lincs/test_l1000.gctx test-data/lincs
//
// Despite its name, test_l1000.gctx is GCT 1.3 text (so cmapPy shipped it); gexflow reads it by content.
// Writes:
//   sig_info.txt   sig_id, pert_id, pert_iname, pert_type, cell_id, pert_idose, pert_itime, distil_id
//                  (GSE70138 sig_info columns): one row per sample column; sig_id = distil_id = the column id
//   gene_info.txt  pr_gene_id, pr_gene_symbol, pr_gene_title, pr_is_lm, pr_is_bing (GSE70138 gene_info
//                  columns) from the row metadata; the matrix rows are matched by its pr_gene_id row field
//   pcl.tsv        the stand-in for CLUE's perturbagen classes: pert_id<TAB>pert_iname, one line per
//                  treatment compound (pert_type trt_cp / trt_poscon), so each compound is its own class.
//                  The vehicle control DMSO (ctl_vehicle) is in no class, as in CLUE's PCLs, so its
//                  signatures take the "no PCL" path. No class is dropped for size (the smallest has 5).
import fs from 'node:fs';
import path from 'node:path';

const [gctPath, outDir] = process.argv.slice(2);
if (!gctPath || !outDir) {
  console.error('usage: node make-tables.mjs <test_l1000.gctx> <output dir>');
  process.exit(2);
}
const lines = fs.readFileSync(gctPath, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
if (lines[0].split('\t')[0] !== '#1.3') {
  throw new Error(`${gctPath}: not GCT 1.3 text`);
}
const [nRows, nCols, nRowMeta, nColMeta] = lines[1].split('\t').map(Number);
const header = lines[2].split('\t');
const rowFields = header.slice(1, 1 + nRowMeta);
const colIds = header.slice(1 + nRowMeta);
if (colIds.length !== nCols) {
  throw new Error(`header has ${colIds.length} column ids, dimensions say ${nCols}`);
}
const colMeta = {};
for (let i = 0; i < nColMeta; i++) {
  const f = lines[3 + i].split('\t');
  colMeta[f[0]] = f.slice(1 + nRowMeta);
}
const rows = lines.slice(3 + nColMeta).map((l) => l.split('\t'));
if (rows.length !== nRows) {
  throw new Error(`${rows.length} data rows, dimensions say ${nRows}`);
}
const rowField = (name) => {
  const at = rowFields.indexOf(name);
  if (at < 0) throw new Error(`no row metadata field ${name}`);
  return rows.map((r) => r[1 + at]);
};
const col = (name) => {
  if (!colMeta[name]) throw new Error(`no column metadata field ${name}`);
  return colMeta[name];
};

const tsv = (header, records) => [header, ...records].map((r) => r.join('\t')).join('\n') + '\n';
fs.mkdirSync(outDir, { recursive: true });

const sigCols = ['pert_id', 'pert_iname', 'pert_type', 'cell_id', 'pert_idose', 'pert_itime'];
const sig = colIds.map((id, j) => [id, ...sigCols.map((c) => col(c)[j]), id]);
fs.writeFileSync(path.join(outDir, 'sig_info.txt'),
  tsv(['sig_id', ...sigCols, 'distil_id'], sig));

const geneId = rowField('pr_gene_id');
const symbol = rowField('pr_gene_symbol');
const title = rowField('pr_gene_title');
const isLm = rowField('pr_is_lmark');
const isBing = rowField('pr_is_bing');
fs.writeFileSync(path.join(outDir, 'gene_info.txt'),
  tsv(['pr_gene_id', 'pr_gene_symbol', 'pr_gene_title', 'pr_is_lm', 'pr_is_bing'],
    geneId.map((g, i) => [g, symbol[i], title[i], isLm[i], isBing[i]])));

const pcl = new Map();
colIds.forEach((_, j) => {
  if (col('pert_type')[j].startsWith('trt_')) pcl.set(col('pert_id')[j], col('pert_iname')[j]);
});
const pclRows = [...pcl.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
fs.writeFileSync(path.join(outDir, 'pcl.tsv'), tsv(['pert_id', 'pcl'], pclRows));

const perClass = {};
colIds.forEach((_, j) => {
  const c = pcl.get(col('pert_id')[j]);
  if (c !== undefined) perClass[c] = (perClass[c] || 0) + 1;
});
const sizes = Object.values(perClass);
console.error(`${colIds.length} signatures, ${geneId.length} genes (${isLm.filter((v) => v === '1').length} landmark), `
  + `${pclRows.length} classes holding ${sizes.reduce((a, b) => a + b, 0)} signatures (smallest ${Math.min(...sizes)})`);
