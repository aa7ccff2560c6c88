#!/usr/bin/env bash
# Creates .venv (idempotent) with what the tests and benchmarks need:
# the reference Azure ML inference server (azmlinfsrv), inference-schema,
# numpy/scikit-learn/joblib for the sklearn fixture, and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${SWIFTLET_VENV:-.venv}
REQS=(
  "azureml-inference-server-http==1.5.1"
  "inference-schema==1.8"
  "numpy" "scikit-learn" "joblib" "pytest"
)
stamp="$VENV/.swiftlet-reqs"
want=$(printf '%s\n' "${REQS[@]}")
if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "${REQS[@]}"
printf '%s\n' "$want" > "$stamp"
