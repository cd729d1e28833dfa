# Two commands, each working alone on a fresh machine:
#   make demo   set up .venv, build the example set, train a tiny model on CPU, test it, print metrics
#   make test   set up .venv and run the test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_OUT ?= outputs/demo

.PHONY: setup demo test bench-data clean-venv

setup:
	@PYTHON=$(PYTHON) bash scripts/setup_env.sh

demo: setup
	$(PY) -m splatbench.training.demo --out $(DEMO_OUT)

test: setup
	$(PY) -m pytest tests -p no:cacheprovider

bench-data: setup
	$(PY) scripts/bench_data_loading.py
