"""numpy doing what `gexflow normalize` does (DESIGN/spec dgex.md preprocessing), as a user would.

usage: numpy_normalize.py MATRIX.arrow SPLIT.tsv OUT_DIR

Quantile reference = mean over training samples of the r-th smallest value; every sample's value is
replaced by the reference at its 1-based average rank (ties share it) truncated to an integer; then
each gene is z-scored with the training samples' mean and population standard deviation (+ 1e-3).
Writes OUT_DIR/{train,valid,test}.arrow. The whole matrix is held in memory (numpy's way).
"""
import os
import sys

import numpy as np

from gexflow_arrow import read_matrix, write_matrix

EPSILON = 1e-3


def truncated_average_ranks(rows):
    """1-based average ranks (ties averaged) truncated to int, per row, vectorised over rows."""
    n, m = rows.shape
    order = np.argsort(rows, axis=1, kind="stable")
    s = np.take_along_axis(rows, order, axis=1)
    # start of each tie group: first position, or a value different from the previous one
    new_group = np.ones((n, m), dtype=bool)
    new_group[:, 1:] = s[:, 1:] != s[:, :-1]
    pos = np.arange(m)
    first = np.where(new_group, pos, 0)
    first = np.maximum.accumulate(first, axis=1)           # 0-based first index of the group
    end_group = np.ones((n, m), dtype=bool)
    end_group[:, :-1] = s[:, 1:] != s[:, :-1]
    last = np.where(end_group, pos, m)
    last = np.minimum.accumulate(last[:, ::-1], axis=1)[:, ::-1]  # 0-based last index of the group
    rank_sorted = (((first + 1) + (last + 1)) / 2.0).astype(np.int64)
    ranks = np.empty_like(rank_sorted)
    np.put_along_axis(ranks, order, rank_sorted, axis=1)
    return ranks


def main():
    matrix, split_file, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    ids, features, values, _ = read_matrix(matrix)
    split = {}
    with open(split_file) as f:
        next(f)
        for line in f:
            i, s = line.rstrip("\n").split("\t")
            split[i] = s
    labels = np.array([split[i] for i in ids])
    train = labels == "train"
    reference = np.sort(values[train], axis=1).astype(np.float64).mean(axis=0)
    chunk = 2000
    normalised = np.empty_like(values)
    for start in range(0, len(ids), chunk):
        block = values[start:start + chunk]
        normalised[start:start + chunk] = reference[truncated_average_ranks(block) - 1].astype(np.float32)
    t = normalised[train].astype(np.float64)
    means, stds = t.mean(axis=0), t.std(axis=0)
    z = ((normalised - means) / (stds + EPSILON)).astype(np.float32)
    id_array = np.array(ids)
    for s in ("train", "valid", "test"):
        keep = labels == s
        write_matrix(f"{out}/{s}.arrow", list(id_array[keep]), z[keep], features)


if __name__ == "__main__":
    main()
