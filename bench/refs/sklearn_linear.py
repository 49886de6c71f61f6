"""scikit-learn reference for train-lr, as a whole process: reads the gexflow .arrow splits with
pyarrow, fits, and (for ridge) picks alpha by the mean over targets of the per-target validation MAE,
as train-lr does.

usage: sklearn_linear.py ols TRAIN OUT.npy
       sklearn_linear.py ridge TRAIN VALID OUT.npy [ALPHA,...]
OUT.npy holds the chosen coefficients as (L+1) x T, row 0 the intercepts (train-lr's layout).
"""
import sys

import numpy as np
from sklearn.linear_model import LinearRegression, Ridge

from gexflow_arrow import read_regression


def read(path):
    """float64, as train-lr computes: scikit-learn keeps float32 input in float32 (answers ~1e-5 apart)."""
    x, y = read_regression(path)
    return x.astype(np.float64), y.astype(np.float64)


def layout(model):
    return np.vstack([np.atleast_2d(model.intercept_), model.coef_.T])


def main():
    kind = sys.argv[1]
    x, y = read(sys.argv[2])
    if kind == "ols":
        model = LinearRegression().fit(x, y)
        np.save(sys.argv[3], layout(model))
        print(f"LinearRegression on {x.shape[0]} x {x.shape[1]} -> {y.shape[1]}")
        return
    xv, yv = read(sys.argv[3])
    alphas = [float(a) for a in sys.argv[5].split(",")] if len(sys.argv) > 5 else [1e4, 1e3, 100, 10, 1, 0.1, 0.01]
    best = None
    for alpha in sorted(alphas, reverse=True):
        model = Ridge(alpha=alpha).fit(x, y)
        mae = np.abs(model.predict(xv) - yv).mean(axis=0).mean()
        print(f"Ridge alpha {alpha:g}: validation MAE {mae:.6f}")
        if best is None or mae < best[0]:
            best = (mae, alpha, layout(model))
    np.save(sys.argv[4], best[2])
    print(f"chose alpha {best[1]:g}")


if __name__ == "__main__":
    main()
