#!/usr/bin/python3
"""Writes the small h5ad fixtures that H5adReaderTest reads (a few KB each).

Run from this folder with Debian's packages (apt-get install python3-anndata python3-h5py):

    /usr/bin/python3 make_fixtures.py

The values are fixed (no randomness), so the tests can check them exactly:

  X (4 cells x 3 genes)      [[1, 0, 2],
                              [0, 0, 3],
                              [4, 5, 0],
                              [0, 6, 0]]
  layers/counts = 10 * X
  obs: index c0..c3; guide (categorical with values A, A+B, ctrl, B; pandas sorts the categories:
       A, A+B, B, ctrl, so the codes are 0, 1, 3, 2); n_umi (int64); score (float64); is_control (bool);
       label (plain strings)
  var: index g0..g2; highly_variable (bool: True, False, True); gene_name (strings)

Files:
  dense.h5ad      X dense float32, layer counts dense, categorical obs (0.8 layout)
  csr.h5ad        X CSR float32, layer counts CSR
  csc.h5ad        X CSC float64, layer counts CSC
  old_layout.h5ad written with raw h5py the way anndata < 0.8 did: obs/var columns as plain datasets, a
                  categorical as int8 codes in obs/guide with its categories in obs/__categories/guide,
                  X as CSR with h5sparse_format/h5sparse_shape attributes, no encoding-type on obs/var
  bad_shape.h5ad  like csr.h5ad but X's shape attribute says 5 rows while obs has 4 cells
  bad_indptr.h5ad like csr.h5ad but X/indptr decreases
  bad_index.h5ad  dense X of 4 rows, but obs/_index names 5 cells
"""
import h5py
import numpy as np
import pandas as pd
import scipy.sparse as sp
import anndata as ad

X = np.array([[1, 0, 2], [0, 0, 3], [4, 5, 0], [0, 6, 0]], dtype=np.float32)
CELLS = ["c0", "c1", "c2", "c3"]
GENES = ["g0", "g1", "g2"]
GUIDES = ["A", "A+B", "ctrl", "B"]


def frames():
    obs = pd.DataFrame(
        {
            "guide": pd.Categorical(GUIDES),
            "n_umi": np.array([3, 3, 9, 6], dtype=np.int64),
            "score": np.array([0.5, -1.25, 2.0, 0.0], dtype=np.float64),
            "is_control": np.array([False, False, True, False]),
            "label": ["x", "y", "z", "w"],
        },
        index=pd.Index(CELLS),
    )
    var = pd.DataFrame(
        {"highly_variable": np.array([True, False, True]), "gene_name": ["G0", "G1", "G2"]},
        index=pd.Index(GENES),
    )
    return obs, var


def write(name, x, counts):
    obs, var = frames()
    a = ad.AnnData(X=x, obs=obs, var=var, layers={"counts": counts}, dtype=x.dtype)
    a.write_h5ad(name)


write("dense.h5ad", X, X * 10)
write("csr.h5ad", sp.csr_matrix(X), sp.csr_matrix(X * 10))
write("csc.h5ad", sp.csc_matrix(X.astype(np.float64)), sp.csc_matrix(X.astype(np.float64) * 10))


def old_layout(name, shape_rows=4, bad_indptr=False):
    m = sp.csr_matrix(X)
    with h5py.File(name, "w") as f:
        g = f.create_group("X")
        g.attrs["h5sparse_format"] = "csr"
        g.attrs["h5sparse_shape"] = np.array([shape_rows, 3])
        g.create_dataset("data", data=m.data)
        g.create_dataset("indices", data=m.indices)
        g.create_dataset("indptr", data=m.indptr)
        obs = f.create_group("obs")
        obs.attrs["_index"] = "index"
        obs.create_dataset("index", data=np.array(CELLS, dtype=h5py.string_dtype()))
        cats = sorted(set(GUIDES))
        codes = np.array([cats.index(gd) for gd in GUIDES], dtype=np.int8)
        obs.create_dataset("guide", data=codes)
        obs.create_dataset("__categories/guide", data=np.array(cats, dtype=h5py.string_dtype()))
        obs.create_dataset("n_umi", data=np.array([3, 3, 9, 6], dtype=np.int64))
        obs.create_dataset("is_control", data=np.array([False, False, True, False]))
        var = f.create_group("var")
        var.attrs["_index"] = "index"
        var.create_dataset("index", data=np.array(GENES, dtype=h5py.string_dtype()))
        var.create_dataset("highly_variable", data=np.array([True, False, True]))


old_layout("old_layout.h5ad")

# damaged files for the error tests
write("bad_shape.h5ad", sp.csr_matrix(X), sp.csr_matrix(X * 10))
with h5py.File("bad_shape.h5ad", "r+") as f:
    f["X"].attrs["shape"] = np.array([5, 3])
write("bad_indptr.h5ad", sp.csr_matrix(X), sp.csr_matrix(X * 10))
with h5py.File("bad_indptr.h5ad", "r+") as f:
    f["X/indptr"][...] = np.array([0, 2, 1, 5, 6], dtype=f["X/indptr"].dtype)
# an index that disagrees with X: obs names 5 cells, X has 4 rows
ad.AnnData(X=X, dtype=X.dtype).write_h5ad("bad_index.h5ad")
with h5py.File("bad_index.h5ad", "r+") as f:
    del f["obs/_index"]
    d = f["obs"].create_dataset("_index", data=np.array(CELLS + ["c4"], dtype=h5py.string_dtype()))
    d.attrs["encoding-type"] = "string-array"
    d.attrs["encoding-version"] = "0.2.0"
