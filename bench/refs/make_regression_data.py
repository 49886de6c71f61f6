"""Writes a well-conditioned linear-regression split pair as gexflow matrix files (.arrow).

usage: make_regression_data.py OUT_DIR N_TRAIN N_VALID N_LANDMARKS N_TARGETS [SEED]

Landmarks are z-scored-like Gaussians with a mild common factor; each target is a random linear
combination of the landmarks plus noise, so X'X is well conditioned and OLS answers are comparable to
1e-6. Files: train.arrow and valid.arrow (columns id, x = FixedSizeList<float32>; schema metadata
gexflow.features and gexflow.landmarks), written in record batches of 2,000 rows.
"""
import json
import sys

import numpy as np

from gexflow_arrow import write_matrix


def main():
    out, n_train, n_valid, n_in, n_out = sys.argv[1], *map(int, sys.argv[2:6])
    seed = int(sys.argv[6]) if len(sys.argv) > 6 else 14
    rng = np.random.default_rng(seed)
    landmarks = [f"L{j}" for j in range(n_in)]
    targets = [f"T{k}" for k in range(n_out)]
    weights = (rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)).astype(np.float32)
    for name, n in (("train", n_train), ("valid", n_valid)):
        x = rng.standard_normal((n, n_in), dtype=np.float32)
        x += 0.3 * rng.standard_normal((n, 1), dtype=np.float32)
        y = x @ weights + 0.5 * rng.standard_normal((n, n_out), dtype=np.float32)
        values = np.empty((n, n_in + n_out), dtype=np.float32)
        values[:, :n_in] = x
        values[:, n_in:] = y
        write_matrix(f"{out}/{name}.arrow", [f"{name}{i}" for i in range(n)], values, landmarks + targets,
                     {"gexflow.landmarks": json.dumps(landmarks)})
        del x, y, values


if __name__ == "__main__":
    main()
