"""Writes an expression-like matrix (.arrow) and its id<TAB>split TSV, for the normalize row.

usage: make_expression_data.py OUT_DIR N_SAMPLES N_GENES [SEED]

Values are log-normal-ish intensities rounded to 3 decimals (so that ties occur, as in real arrays),
with a per-sample scale; the split is 80/10/10 train/valid/test. Files: OUT_DIR/matrix.arrow,
OUT_DIR/split.tsv.
"""
import sys

import numpy as np

from gexflow_arrow import write_matrix


def main():
    out, n, genes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 14
    rng = np.random.default_rng(seed)
    base = rng.normal(7.0, 2.0, genes).astype(np.float32)
    values = base[None, :] + rng.normal(0.0, 0.8, (n, genes)).astype(np.float32)
    values += rng.normal(0.0, 0.3, (n, 1)).astype(np.float32)
    values = np.round(values, 3).astype(np.float32)
    ids = [f"s{i}" for i in range(n)]
    write_matrix(f"{out}/matrix.arrow", ids, values, [f"g{j}" for j in range(genes)])
    labels = rng.choice(["train", "valid", "test"], size=n, p=[0.8, 0.1, 0.1])
    with open(f"{out}/split.tsv", "w") as f:
        f.write("id\tsplit\n")
        for i, s in zip(ids, labels):
            f.write(f"{i}\t{s}\n")


if __name__ == "__main__":
    main()
