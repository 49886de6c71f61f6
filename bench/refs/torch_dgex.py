"""PyTorch reference for train-dgex: the same network and one epoch of the same work, float32.

usage: torch_dgex.py TRAIN VALID HIDDEN_LAYERS HIDDEN_UNITS BATCH [SEED] [EPOCHS]

tanh MLP (landmarks -> HIDDEN_UNITS x HIDDEN_LAYERS -> targets), 10% dropout after each hidden layer,
loss summed over targets and averaged over the batch (D-GEX eq. 3), SGD with momentum 0.5, rate 3e-4
and x3 on the output and the 2nd/3rd hidden weights; one epoch of shuffled minibatches followed, as in
train-dgex, by evaluation on a fixed training subset (min(5000, n) samples) and on the validation split.
On the GPU with TORCH_DEVICE=cuda (bench/run.sh's GPU section). Prints each epoch's time and samples/s (training samples / epoch time), one line per epoch (default 1).
"""
import os
import sys
import time

import numpy as np
import torch

from gexflow_arrow import read_regression


def main():
    x, y = read_regression(sys.argv[1])
    xv, yv = read_regression(sys.argv[2])
    layers, units, batch = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    seed = int(sys.argv[6]) if len(sys.argv) > 6 else 7
    epochs = int(sys.argv[7]) if len(sys.argv) > 7 else 1
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    blocks, scaled, plain = [], [], []
    width = x.shape[1]
    for i in range(layers):
        linear = torch.nn.Linear(width, units)
        (scaled if i > 0 else plain).append(linear.weight)
        plain.append(linear.bias)
        blocks += [linear, torch.nn.Tanh(), torch.nn.Dropout(0.1)]
        width = units
    out = torch.nn.Linear(width, y.shape[1])
    scaled.append(out.weight)
    plain.append(out.bias)
    device = torch.device(os.environ.get("TORCH_DEVICE", "cpu"))
    net = torch.nn.Sequential(*blocks, out).to(device)
    sgd = torch.optim.SGD([{"params": plain, "lr": 3e-4}, {"params": scaled, "lr": 9e-4}], lr=3e-4, momentum=0.5)
    xt, yt = torch.from_numpy(x).to(device), torch.from_numpy(y).to(device)
    monitor = torch.from_numpy(rng.choice(x.shape[0], min(5000, x.shape[0]), replace=False)).to(device)
    n = x.shape[0]
    for _ in range(epochs):
        start = time.perf_counter()
        net.train()
        order = torch.from_numpy(rng.permutation(n)).to(device)
        for lo in range(0, n, batch):
            idx = order[lo:lo + batch]
            xb, yb = xt[idx], yt[idx]
            sgd.zero_grad()
            loss = (net(xb) - yb).square().sum(dim=1).mean()
            loss.backward()
            sgd.step()
        net.eval()
        with torch.no_grad():
            maes = []
            for xs, ys in ((xt[monitor], yt[monitor]), (torch.from_numpy(xv).to(device), torch.from_numpy(yv).to(device))):
                err = 0.0
                for lo in range(0, xs.shape[0], 1000):
                    err += (net(xs[lo:lo + 1000]) - ys[lo:lo + 1000]).abs().sum().item()
                maes.append(err / ys.numel())
        secs = time.perf_counter() - start
        print(f"epoch {secs:.2f} s, {n / secs:.1f} samples/s, train-MAE {maes[0]:.4f} valid-MAE {maes[1]:.4f},"
              f" torch {torch.__version__}, {torch.get_num_threads()} threads")


if __name__ == "__main__":
    main()
