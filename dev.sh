#!/usr/bin/env bash
# One entry point for set-up and the everyday tasks; every task sets up what it needs first.
#   ./dev.sh demo    validate, score and render the example journey (the main job)
#   ./dev.sh test    lint and run the whole test suite (what CI runs)
#   ./dev.sh bench   run the benchmarks in benchmarks/
#   ./dev.sh setup   only set up: Debian packages (Graphviz, fonts), .venv, the package
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PY=${PYTHON:-python3}
APT_PACKAGES=(graphviz fonts-dejavu-core fonts-noto-color-emoji)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "dev.sh: need root (or sudo) to run: $*" >&2; return 1; fi
}

apt_missing() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  echo "${missing[@]:-}"
}

system_packages() {
  command -v apt-get >/dev/null || {
    command -v dot >/dev/null || echo "dev.sh: install Graphviz (dot) with your package manager" >&2
    return 0
  }
  local missing
  missing=$(apt_missing "${APT_PACKAGES[@]}")
  if ! "$PY" -m venv --help >/dev/null 2>&1 || ! "$PY" -c "import ensurepip" 2>/dev/null; then
    missing="$missing python3-venv"
  fi
  if [ -n "${missing// /}" ]; then
    echo "dev.sh: installing Debian packages:$missing" >&2
    as_root apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
}

python_env() {
  local stamp="$VENV/.cjm-installed"
  if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[dev]"
    touch "$stamp"
  fi
}

setup() { system_packages; python_env; }

run() { "$VENV/bin/$1" "${@:2}"; }

case "${1:-}" in
  setup) setup ;;
  demo)
    setup
    run cjm validate journeys/
    run cjm score journeys/online-store.yaml
    run cjm render journeys/online-store.yaml -o out/online-store.map.svg  # scored on its data: block
    run cjm render journeys/online-store.yaml --view grid -o out/online-store.grid.pdf
    run cjm check journeys/ || [ $? -eq 1 ]  # the examples' critical friction fails the gate
    ;;
  test)
    setup
    run ruff check .
    run ruff format --check .
    run python -m pytest "${@:2}"
    ;;
  bench)
    setup
    run python -m pip install -q -e ".[bench]"  # pm4py, pyarrow: references in bench_score
    for b in benchmarks/bench_*.py; do run python "$b"; done
    ;;
  *)
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
