#!/usr/bin/python3
"""Writes replogle_layout.h5ad: a small file with the layout of Replogle 2022's K562_gwps_raw_singlecell_01.h5ad
(obs 'gene' categorical with 'non-targeting', var 'gene_name' beside gene-id index), whose names are those of the
bundled tables assets/perturb/replogle2022_*.{tsv,txt}, so PreparePerturbCommandTest can run the full profile's
Replogle filter on it. Run from this folder with Debian's python3-anndata:

    /usr/bin/python3 make_replogle_fixture.py

Fixed contents (no randomness):
  var: 1,186 listed names, the first of them a second time (as in the real file: 1,186 names, 1,187 genes), then
       3 unlisted names OTHER0..2; index ENSG00000000000.. in that order; X stored CSR float32
  obs: one cell per target of the 60 clusters in file order (681), 2 cells of an unlisted target NOTLISTED,
       30 non-targeting cells; cell i has count 1 in gene column i mod 1190
"""
import numpy as np
import pandas as pd
import scipy.sparse as sp
import anndata as ad

ASSETS = "../../../../assets/perturb/"


def names(path, column=None):
    out = []
    header = None
    for line in open(path):
        if line.startswith("#") or not line.strip():
            continue
        fields = line.rstrip("\n").split("\t")
        if column is not None and header is None:
            header = fields
            continue
        name = fields[header.index(column)] if column else fields[0]
        if name.strip() not in out:
            out.append(name.strip())
    return out


targets = names(ASSETS + "replogle2022_perturbation_clusters.tsv", "treatment")
genes = names(ASSETS + "replogle2022_expression_genes.txt")
assert len(targets) == 681 and len(genes) == 1186
var_names = genes + [genes[0]] + ["OTHER0", "OTHER1", "OTHER2"]
cells = targets + ["NOTLISTED", "NOTLISTED"] + ["non-targeting"] * 30
n, m = len(cells), len(var_names)
X = sp.csr_matrix((np.ones(n, dtype=np.float32), (np.arange(n), np.arange(n) % m)), shape=(n, m))
obs = pd.DataFrame({"gene": pd.Categorical(cells)}, index=["cell%04d" % i for i in range(n)])
var = pd.DataFrame({"gene_name": var_names}, index=["ENSG%011d" % j for j in range(m)])
ad.AnnData(X=X, obs=obs, var=var, dtype=np.float32).write_h5ad("replogle_layout.h5ad")
