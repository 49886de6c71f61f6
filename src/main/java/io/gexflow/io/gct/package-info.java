/**
 * Reading GCT 1.2 / 1.3 text and GCTX (HDF5) expression matrices as cmapPy writes them
 * ({@link io.gexflow.io.gct.GctDataset#open}), and writing GCTX ({@link io.gexflow.io.gct.GctxWriter}).
 * Rows are genes / probes, columns are samples; values come out sample-major as float32.
 */
package io.gexflow.io.gct;
