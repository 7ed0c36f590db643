# wpanalysis — research compendium. `make help` lists the targets.
# The virtual environment creates itself: every target that needs Python
# depends on $(VENV)/.installed, which installs the pinned requirements.

PYTHON ?= python3
VENV ?= .venv
# the classroom edition's language (not LANGUAGE: gettext's variable, set to zh_CN:zh on Chinese desktops)
EDITION ?= zh
PY := $(VENV)/bin/python
export MPLBACKEND := Agg
export PYTHONHASHSEED := 0
# bash with pipefail, so a failed install is not hidden by the progress filter
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c

.DEFAULT_GOAL := help

## Show this help
help:
	@awk '/^## /{d=substr($$0,4); next} /^[a-zA-Z_-]+:/{if(d){sub(/:.*/,"",$$1); printf "  make %-10s %s\n",$$1,d}; d=""}' $(MAKEFILE_LIST)

$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "wpanalysis needs Python >= 3.11, found " + sys.version.split()[0]'
	@echo "Setting up $(VENV) with the pinned requirements (first time only: a few minutes)..."
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check --progress-bar off -r requirements.txt \
		| { grep --line-buffered -E '^(Collecting|Successfully installed)' | cut -c1-100; true; }
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@$(PY) -c 'import wpanalysis.build' && echo "$(VENV) is ready."
	@touch $@

## Create the virtual environment with the pinned requirements
venv: $(VENV)/.installed

## Build the corpus, execute the notebooks and write the figures (the main job)
run: venv
	$(VENV)/bin/wpanalysis build
	$(PY) -m wpanalysis.notebooks --execute

## Open the notebooks in JupyterLab (in your browser)
lab: venv
	$(VENV)/bin/jupyter lab notebooks/

## Open the notebooks in JupyterLab with its interface in Chinese (中文界面)
lab-zh: venv
	mkdir -p $(VENV)/lab-settings-zh && cp -R tools/jupyterlab-zh/. $(VENV)/lab-settings-zh/
	JUPYTERLAB_SETTINGS_DIR=$(VENV)/lab-settings-zh $(VENV)/bin/jupyter lab notebooks/

## Build the offline hand-out (handout/index.html): executed notebooks, figures, teaching guide
handout: venv
	$(PY) -m wpanalysis.handout --out handout

## The classroom edition (中文课堂版): notebooks run in Chinese + offline hand-out, in classroom/ (EDITION=en: English)
classroom: venv
	$(PY) -m wpanalysis.classroom --language $(EDITION) --out classroom

## Run the whole test suite: ruff, unit tests, doctests and the notebooks (nbval)
test: venv
	$(VENV)/bin/ruff check wpanalysis tests tools benchmarks conftest.py docs/teaching/solutions
	$(PY) -m pytest --doctest-modules wpanalysis tests --nbval notebooks

## Benchmark the stages (1x, 100x, 1000x the seeds) and the main job end to end (9, 180, 900 plans)
bench: venv
	$(PY) -m benchmarks.bench
	$(PY) -m benchmarks.main_job 1 20 100

## Re-pin requirements.txt from requirements.in (needs network)
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install --quiet -r requirements.in
	( echo "# Pinned, fully resolved environment (pip freeze of requirements.in on Python 3.11)."; \
	  echo "# Regenerate: make lock"; .lockenv/bin/pip freeze ) > requirements.txt
	rm -rf .lockenv

## Remove generated data, figures and the virtual environment
clean:
	rm -rf $(VENV) data/processed/* figures/* .pytest_cache
	git checkout -- data/processed figures 2>/dev/null || true

.PHONY: help venv run lab test bench lock clean
