#!/usr/bin/env python3
"""Writes float32_le_n3x4.gctx and float32_be_n3x4.gctx: GCTX files whose matrix is stored contiguously
(no chunks, no filters) as 32-bit floats in little- and big-endian byte order, the layout that
GctxDataset copies straight from jHDF's bytes. Run from this folder with h5py (pip or Debian's python3-h5py):

    python3 make_float32_gctx.py

Fixed contents: genes g1..g3, samples s1..s4; sample j (0-based) has values
[j + 0.5, -(j + 0.25), 1e-30 * (j + 1)], and s3's g2 is NaN.
"""
import h5py
import numpy as np

values = np.array([[j + 0.5, -(j + 0.25), 1e-30 * (j + 1)] for j in range(4)], dtype=np.float64)
values[2, 1] = np.nan
for order, name in (("<f4", "float32_le_n3x4.gctx"), (">f4", "float32_be_n3x4.gctx")):
    with h5py.File(name, "w", libver="earliest") as f:
        f.attrs["version"] = np.bytes_("GCTX1.0")
        f.create_dataset("0/DATA/0/matrix", data=values.astype(order), dtype=order)  # contiguous: no chunks given
        f.create_dataset("0/META/ROW/id", data=np.array([b"g1", b"g2", b"g3"]))
        f.create_dataset("0/META/COL/id", data=np.array([b"s1", b"s2", b"s3", b"s4"]))
