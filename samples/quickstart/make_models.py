#!/usr/bin/env python3
"""Make the quickstart's two model versions: iris flower classifiers converted to ONNX.

usage: make_models.py [OUTDIR]   (default: this directory)
Needs: numpy scikit-learn skl2onnx (pip). Deterministic: the same files every run.

- 1/model.onnx: StandardScaler + LogisticRegression (a few hundred bytes).
- 2/model.onnx: a depth-3 decision tree, "retrained" (a few KB).
Both take X: float32 [N, 4] (sepal length, sepal width, petal length, petal width, in cm) and answer
label: int64 [N] (0 setosa, 1 versicolor, 2 virginica) and probabilities: float32 [N, 3].
`swiftlet up` embeds both files; rerunning this script after a scikit-learn upgrade may change their bytes.
"""
import os
import sys

import numpy as np
from skl2onnx import to_onnx
from sklearn import datasets, linear_model, pipeline, preprocessing, tree


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    iris = datasets.load_iris()
    X = iris.data.astype(np.float32)
    versions = {
        "1": pipeline.make_pipeline(preprocessing.StandardScaler(), linear_model.LogisticRegression(max_iter=300)),
        "2": tree.DecisionTreeClassifier(max_depth=3, random_state=0),
    }
    for version, model in versions.items():
        model.fit(X, iris.target)
        onnx_model = to_onnx(model, X[:1], options={id(model): {"zipmap": False}}, target_opset={"": 17, "ai.onnx.ml": 3})
        onnx_model.producer_name = "swiftlet quickstart"
        os.makedirs(os.path.join(out, version), exist_ok=True)
        path = os.path.join(out, version, "model.onnx")
        with open(path, "wb") as file:
            file.write(onnx_model.SerializeToString())
        print(f"{path}: {os.path.getsize(path)} bytes, training accuracy {model.score(X, iris.target):.3f}")


if __name__ == "__main__":
    main()
