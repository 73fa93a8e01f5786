# One path for people, CI and the Docker image: `make install` is what every other target builds on.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
INDEX  ?= .afspraken
# Where pip finds torch==2.13.0: on these machines a CPU build lies on disk; elsewhere pass a
# CPU wheel index (TORCH_INDEX=...) to avoid the several-GB CUDA build.
TORCH_INDEX ?=

.PHONY: install install-runtime install-system demo test lint bench bench-quality bench-web bench-ocr teams-package clean

install: $(VENV)/.installed

# What the Docker image runs on: the package and its runtime needs only (no torch, no test tools;
# `pip install 'afspraken[sentence-transformers]'` adds any sentence-transformers model).
install-runtime:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet .

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0 $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The Debian packages read at run time: Tesseract (Dutch and English) and pdftoppm read scanned
# pages at ingest (ingest/ocr.py); FreeDict's Dutch-English dictionaries translate the words of a
# question the housing vocabulary lacks, and an English word list tells their real words from
# phrases they run together (index/dictionary.py). apt-get as root, else through sudo; skipped
# where they are installed already.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng poppler-utils
DICTIONARY_PACKAGES := dict-freedict-nld-eng dict-freedict-eng-nld wamerican
DICTD := /usr/share/dictd
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

install-system:
	@if ! command -v pdftoppm >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx nld \
		|| ! tesseract --list-langs 2>/dev/null | grep -qx eng \
		|| ! test -f $(DICTD)/freedict-nld-eng.index || ! test -f $(DICTD)/freedict-eng-nld.index \
		|| ! test -f /usr/share/dict/american-english; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			$(OCR_PACKAGES) $(DICTIONARY_PACKAGES) >/dev/null; \
	fi

demo: install install-system
	$(BIN)/afspraken ingest corpus/ --index $(INDEX)
	$(BIN)/afspraken ask "What did Vestia agree on sales?" --index $(INDEX)

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy ingest index bot
	$(BIN)/hadolint Dockerfile

test: lint install-system
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/speed.py

bench-quality: install
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/quality.py --eval bench/own_questions.jsonl --out bench/out/quality-own.md
	$(BIN)/python bench/quality.py --eval ../shared/corpus-more/questions.jsonl --corpus ../shared/corpus-more \
		--index bench/out/idx-more --out bench/out/quality-more.md
	$(BIN)/python bench/lodo.py

bench-ocr: install install-system
	$(BIN)/python bench/ocr.py

bench-web: install
	$(BIN)/python bench/web_load.py

teams-package: install
	$(BIN)/python deploy/teams/package.py --out build/afspraken-teams.zip

clean:
	rm -rf $(VENV) $(INDEX) .pytest_cache .ruff_cache
