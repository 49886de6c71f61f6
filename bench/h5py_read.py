"""Reference reader for bench/streaming.sh: reads a GCTX matrix with h5py, whole or by chunks of samples.

usage: h5py_read.py FILE whole|chunked CHUNK_SAMPLES
Touches every value (a float64 sum per gene) so that nothing is skipped.
"""
import sys

import h5py
import numpy as np


def main():
    path, mode, chunk = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with h5py.File(path, "r") as f:
        m = f["0/DATA/0/matrix"]
        n = m.shape[0]
        if mode == "whole":
            total = m[:].sum(axis=0, dtype=np.float64)
        else:
            total = np.zeros(m.shape[1], dtype=np.float64)
            for start in range(0, n, chunk):
                total += m[start:start + chunk].sum(axis=0, dtype=np.float64)
    print(f"{mode}: {n} samples, mean of gene means {total.mean() / n:.4f}")


if __name__ == "__main__":
    main()
