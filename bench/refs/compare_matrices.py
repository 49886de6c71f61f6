"""The largest |a - b| over every value of two sets of gexflow matrix files with the same ids.

usage: compare_matrices.py DIR_A DIR_B NAME...   (e.g. train valid test: DIR/NAME.arrow)
"""
import sys

import numpy as np

from gexflow_arrow import read_matrix


def main():
    a_dir, b_dir, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    worst = 0.0
    for name in names:
        ids_a, _, a, _ = read_matrix(f"{a_dir}/{name}.arrow")
        ids_b, _, b, _ = read_matrix(f"{b_dir}/{name}.arrow")
        index = {i: k for k, i in enumerate(ids_b)}
        b = b[[index[i] for i in ids_a]]
        worst = max(worst, float(np.abs(a.astype(np.float64) - b).max()))
    print(f"max |diff| {worst:.1e}")


if __name__ == "__main__":
    main()
