# afspraken: the web chat, API, Slack and Teams endpoints over the shipped corpus.
# Install steps are the Makefile's (`make install-runtime`: the runtime part of `make install`, the
# path the tests take), built in one stage and copied into a slim one without make or pip's cache.
FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends make=4.* \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md Makefile ./
COPY ingest ./ingest
COPY index ./index
COPY bot ./bot
RUN make install-runtime VENV=/opt/venv PYTHON=python

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    AFSPRAKEN_INDEX=/app/.afspraken

# The Makefile's install-system: Tesseract (Dutch, English) and pdftoppm read scanned pages at
# ingest (ingest/ocr.py); FreeDict's Dutch-English dictionaries translate questions, with an English
# word list to tell their words from phrases run together (index/dictionary.py).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        tesseract-ocr=5.* tesseract-ocr-nld=1:4.* tesseract-ocr-eng=1:4.* poppler-utils=2* \
        dict-freedict-nld-eng=2022.* dict-freedict-eng-nld=2022.* wamerican=2020.* \
    && rm -rf /var/lib/apt/lists/*

COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY corpus ./corpus
RUN /opt/venv/bin/afspraken ingest corpus/ --index /app/.afspraken

RUN useradd --create-home --uid 10001 afspraken && chown -R afspraken /app
USER 10001
EXPOSE 8000
HEALTHCHECK CMD ["/opt/venv/bin/python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"]
CMD ["/opt/venv/bin/afspraken", "serve", "--host", "0.0.0.0", "--port", "8000"]
