"""A sample Azure ML entry script: a linear model whose weights live in AZUREML_MODEL_DIR/model.json.
Standard library only, so `make run` needs nothing but python3."""
import json
import os

model = None


def init():
    global model
    with open(os.path.join(os.environ["AZUREML_MODEL_DIR"], "model.json")) as file:
        model = json.load(file)


def run(raw_data):
    rows = json.loads(raw_data)["data"]
    weights, bias = model["weights"], model["bias"]
    scores = [sum(w * x for w, x in zip(weights, row)) + bias for row in rows]
    return {"predictions": [1 if s > 0 else 0 for s in scores], "scores": scores}
