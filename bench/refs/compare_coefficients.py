"""How far train-lr's coefficients (MODEL_DIR/coefficients.arrow: float32, one row per target, the
intercept then the landmarks) are from a reference's ((L+1) x T .npy): the largest over targets of
|b_gexflow - b_ref| / |b_ref|, Euclidean norms per target. Prints it as 1.2e-07.

usage: compare_coefficients.py MODEL_DIR REFERENCE.npy
"""
import sys

import numpy as np

from gexflow_arrow import read_matrix


def main():
    _, _, values, _ = read_matrix(f"{sys.argv[1]}/coefficients.arrow")
    ours = values.astype(np.float64).T
    ref = np.load(sys.argv[2])
    rel = np.linalg.norm(ours - ref, axis=0) / np.linalg.norm(ref, axis=0)
    print(f"{rel.max():.1e}")


if __name__ == "__main__":
    main()
