#!/usr/bin/python3
"""Writes norman_layout.h5ad: a small simulated data set in the layout of Norman et al. 2019's h5ad (the file
-profile full_perturb downloads, figshare 34027562), for the perturbation track of -profile test. Run from this
folder with Debian's python3-anndata (0.8) and python3-h5py:

    /usr/bin/python3 make_norman_layout.py

The layout that `gexflow prepare-perturb` reads from the real file (conf/modules.config, meta.source 'norman'):
  layers/counts   raw integer counts (CSR float32); X holds log1p of counts per 10,000 (CSR float32)
  var             index of Ensembl-style ids, 'gene_symbols', boolean 'highly_variable' (30 of the 40 genes)
  obs             categorical 'guide_identity' in Norman's form '<A>_<B>__<A>_<B>': a single gene paired with a
                  negative-control guide in either order ('AHR_NegCtrl0__AHR_NegCtrl0', 'NegCtrl0_KLF1__...'), two
                  genes ('AHR_KLF1__AHR_KLF1'), or two controls ('NegCtrl0_NegCtrl0__NegCtrl0_NegCtrl0'); beside it
                  'gemgroup', 'UMI_count', 'good_coverage' and 'number_of_cells' as in the real file

The counts (numpy Generator seeded 2019, so the script writes the same matrix every time):
  6 latents; z = z_basal + sum of the cell's treatment shifts, z_basal ~ N(0, I). Each of the 6 single genes
  shifts 1 or 2 latents by +-N(2, 0.25) (a sparse mechanism shift); a combination's shift is the sum of its two
  singles' (additive, so a model can predict a combination it never saw from its singles).
  Expression proportions p = softmax(b + z W) over genes, with gene baselines b ~ N(0, 0.5) and loadings
  W ~ N(0, 0.6^2) on the 30 highly variable genes and 0 on the other 10 (their expression does not respond).
  Library size L ~ LogNormal(log 2000, 0.3); counts ~ NegativeBinomial(mean L p, inverse dispersion 10),
  drawn as Poisson(Gamma(10, L p / 10)).
  Cells: 40 per single gene, 60 per combination (10 of the 15 pairs), 80 controls (920 cells), in a seeded
  random order.
"""
import itertools

import numpy as np
import pandas as pd
import scipy.sparse as sp
import anndata as ad

rng = np.random.default_rng(2019)

SINGLES = ["AHR", "KLF1", "CEBPA", "CEBPE", "CBL", "UBASH3B"]
N_GENES, N_HVG, N_LATENT = 40, 30, 6
CELLS_PER_SINGLE, CELLS_PER_COMBO, CONTROLS, N_COMBOS = 40, 60, 80, 10
THETA = 10.0

# sparse shifts: each single gene acts on 1 or 2 latents
shift = np.zeros((len(SINGLES), N_LATENT))
for t in range(len(SINGLES)):
    targets = rng.choice(N_LATENT, size=rng.integers(1, 3), replace=False)
    shift[t, targets] = rng.choice([-1.0, 1.0], size=len(targets)) * rng.normal(2.0, 0.25, size=len(targets))

pairs = list(itertools.combinations(range(len(SINGLES)), 2))
combos = [pairs[k] for k in sorted(rng.choice(len(pairs), size=N_COMBOS, replace=False))]

# conditions: (guide_identity, treatment indices); singles alternate which side the control guide is on
conditions = []
for t, g in enumerate(SINGLES):
    ctrl = "NegCtrl%d" % (t % 3)
    pair = "%s_%s" % (g, ctrl) if t % 2 == 0 else "%s_%s" % (ctrl, g)
    conditions += [("%s__%s" % (pair, pair), (t,))] * CELLS_PER_SINGLE
for a, b in combos:
    pair = "%s_%s" % (SINGLES[a], SINGLES[b])
    conditions += [("%s__%s" % (pair, pair), (a, b))] * CELLS_PER_COMBO
for k in range(CONTROLS):
    pair = "NegCtrl%d_NegCtrl0" % (k % 2)
    conditions += [("%s__%s" % (pair, pair), ())]
order = rng.permutation(len(conditions))
conditions = [conditions[i] for i in order]
n = len(conditions)

z = rng.normal(size=(n, N_LATENT))
for i, (_, ts) in enumerate(conditions):
    for t in ts:
        z[i] += shift[t]
b = rng.normal(0.0, 0.5, size=N_GENES)
W = np.zeros((N_LATENT, N_GENES))
hvg = np.zeros(N_GENES, dtype=bool)
hvg[rng.choice(N_GENES, size=N_HVG, replace=False)] = True
W[:, hvg] = rng.normal(0.0, 0.6, size=(N_LATENT, N_HVG))
logits = b + z @ W
p = np.exp(logits - logits.max(axis=1, keepdims=True))
p /= p.sum(axis=1, keepdims=True)
library = np.exp(rng.normal(np.log(2000.0), 0.3, size=n))
mean = library[:, None] * p
counts = rng.poisson(rng.gamma(THETA, mean / THETA)).astype(np.float32)

total = counts.sum(axis=1, keepdims=True)
X = np.log1p(counts / total * 1e4).astype(np.float32)

barcodes = ["%s-%d" % ("".join(rng.choice(list("ACGT"), size=16)), 1 + i % 2) for i in range(n)]
obs = pd.DataFrame({
    "guide_identity": pd.Categorical([c[0] for c in conditions]),
    "gemgroup": np.array([1 + i % 2 for i in range(n)], dtype=np.int64),
    "UMI_count": total[:, 0].astype(np.float64),
    "good_coverage": np.ones(n, dtype=bool),
    "number_of_cells": np.ones(n, dtype=np.int64),
}, index=barcodes)
obs["guide_identity"] = obs["guide_identity"].astype("category")
var = pd.DataFrame({
    "gene_symbols": ["GENE%02d" % j for j in range(N_GENES)],
    "highly_variable": hvg,
}, index=["ENSG%011d" % (100 + j) for j in range(N_GENES)])

adata = ad.AnnData(X=sp.csr_matrix(X), obs=obs, var=var, layers={"counts": sp.csr_matrix(counts)}, dtype=np.float32)
adata.uns["simulation"] = {
    "script": "make_norman_layout.py", "seed": 2019,
    "treatments": np.array(SINGLES), "shifts": shift,
    "combinations": np.array(["%s+%s" % (SINGLES[a], SINGLES[b]) for a, b in combos]),
}
adata.write_h5ad("norman_layout.h5ad", compression="gzip")
print("cells %d, genes %d (%d highly variable), singles %d, combinations %d: %s"
      % (n, N_GENES, N_HVG, len(SINGLES), len(combos), ", ".join("%s+%s" % (SINGLES[a], SINGLES[b]) for a, b in combos)))
print("mean library %.0f, zeros %.1f%%" % (total.mean(), 100.0 * (counts == 0).mean()))
