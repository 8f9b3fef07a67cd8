"""Writes the reference answers the algorithms module's tests compare against.

Run once (Python 3.11, `pip install numpy==2.* scipy scikit-learn lap`), from the repository root:
    python algorithms/src/test/python/make_reference.py
The outputs are committed under algorithms/src/test/resources/reference/; no test runs Python.

- average_linkage.json: scipy.cluster.hierarchy.linkage(pdist(X, "cosine"), method="average") cut with
  fcluster(Z, t, criterion="distance"); every threshold t sits mid-gap between two merge heights, so float
  rounding cannot move a merge across it.
- assignment.json: lap.lapjv(cost, extend_cost=True, cost_limit=limit) (the ByteTrack reference's call) and
  scipy.optimize.linear_sum_assignment(weight, maximize=True) (the DER speaker mapping).
- roc.json: sklearn.metrics.roc_auc_score and roc_curve(drop_intermediate=False); EER and best accuracy are read
  off that curve: the threshold where |FAR - FRR| is smallest (smallest such threshold), EER = (FAR + FRR) / 2.
"""
import json
import pathlib

import lap
import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.optimize import linear_sum_assignment
from scipy.spatial.distance import pdist
from sklearn.metrics import roc_auc_score, roc_curve

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "reference"
VERSIONS = {"numpy": np.__version__, "scipy": scipy.__version__, "scikit-learn": sklearn.__version__,
            "lap": lap.__version__}


def floats(a):
    """float32 values as their shortest decimal, which Java's Float.parseFloat reads back exactly."""
    return [float(str(np.float32(x))) for x in np.asarray(a, dtype=np.float32).ravel()]


def linkage_cases(rng):
    cases = []
    for n, dim, centres, noise in [(2, 3, 1, 0.3), (12, 4, 3, 0.4), (40, 8, 4, 0.5), (60, 16, 6, 0.8),
                                   (90, 32, 5, 1.2), (30, 5, 1, 1.0)]:
        c = rng.normal(size=(centres, dim))
        x = c[rng.integers(0, centres, size=n)] + noise * rng.normal(size=(n, dim))
        x = x * rng.uniform(0.2, 3.0, size=(n, 1))  # any norm: the distance is the cosine's
        x = x.astype(np.float32)
        xd = x.astype(np.float64)
        z = linkage(pdist(xd, "cosine"), method="average")
        heights = np.concatenate([[0.0], np.sort(z[:, 2]), [2.0]])
        cuts = set()
        for target in [0.05, 0.3, 0.5, 0.8]:
            k = int(np.searchsorted(heights, target))
            k = min(max(k, 1), len(heights) - 1)
            t = (heights[k - 1] + heights[k]) / 2
            if heights[k] - heights[k - 1] < 1e-6 or t in cuts:
                continue
            cuts.add(t)
            labels = fcluster(z, t, criterion="distance")
            cases.append({"dim": dim, "vectors": [floats(v) for v in x], "threshold": float(t),
                          "labels": [int(l) for l in labels]})
    return cases


def assignment_cases(rng):
    limited = []
    for rows, cols, limit in [(1, 1, 0.5), (3, 5, 0.8), (5, 3, 0.8), (8, 8, 0.5), (12, 7, 0.7), (7, 12, 0.9),
                              (20, 20, 0.3), (15, 25, 0.8)]:
        cost = rng.uniform(0, 1, size=(rows, cols))
        _, x, _ = lap.lapjv(cost, extend_cost=True, cost_limit=limit)
        limited.append({"cost": cost.tolist(), "limit": limit, "rowToCol": [int(v) for v in x]})
    maximised = []
    for rows, cols in [(1, 1), (2, 4), (4, 2), (6, 6), (9, 5), (5, 9), (15, 15)]:
        weight = rng.uniform(-5, 60, size=(rows, cols))
        r, c = linear_sum_assignment(weight, maximize=True)
        row_to_col = [-1] * rows
        for i, j in zip(r, c):
            row_to_col[int(i)] = int(j)
        maximised.append({"weight": weight.tolist(), "rowToCol": row_to_col})
    return {"limited": limited, "maximised": maximised}


def roc_case(scores, same):
    scores = np.asarray(scores, dtype=np.float64)
    same = np.asarray(same, dtype=bool)
    p, n = int(same.sum()), int((~same).sum())
    fpr, tpr, thr = roc_curve(same, scores, drop_intermediate=False)
    finite = np.isfinite(thr)
    order = np.argsort(thr[finite])  # ascending thresholds: ties go to the smallest
    thr, fpr, tpr = thr[finite][order], fpr[finite][order], tpr[finite][order]
    frr = 1 - tpr
    gap = np.abs(fpr - frr)
    best = int(np.flatnonzero(gap == gap.min())[0])
    accuracy = (tpr * p + (1 - fpr) * n) / (p + n)
    a = int(np.flatnonzero(accuracy == accuracy.max())[0])
    best_accuracy, best_threshold = float(accuracy[a]), float(thr[a])
    if n / (p + n) > best_accuracy:  # "same if score >= +inf": everything called different
        best_accuracy, best_threshold = n / (p + n), "Infinity"
    return {"scores": scores.tolist(), "same": same.tolist(), "auc": float(roc_auc_score(same, scores)),
            "eer": float((fpr[best] + frr[best]) / 2), "eerThreshold": float(thr[best]),
            "bestAccuracy": best_accuracy, "bestThreshold": best_threshold}


def roc_cases(rng):
    cases = []
    for p, n, shift, decimals in [(1, 1, 1.0, None), (5, 9, 0.5, None), (40, 200, 1.0, None),
                                  (300, 300, 0.3, None), (60, 90, 0.8, 1), (25, 25, 0.0, 2), (10, 400, 2.0, None)]:
        s = np.concatenate([rng.normal(shift, 1, size=p), rng.normal(0, 1, size=n)])
        if decimals is not None:
            s = np.round(s, decimals)  # ties
        y = np.concatenate([np.ones(p, bool), np.zeros(n, bool)])
        perm = rng.permutation(p + n)
        cases.append(roc_case(s[perm], y[perm]))
    return cases


def main():
    rng = np.random.default_rng(20261207)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, cases in [("average_linkage", linkage_cases(rng)), ("assignment", assignment_cases(rng)),
                        ("roc", roc_cases(rng))]:
        (OUT / f"{name}.json").write_text(json.dumps({"generatedBy": VERSIONS, "cases": cases}) + "\n")


if __name__ == "__main__":
    main()
