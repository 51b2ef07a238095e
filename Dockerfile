# streamproc: the worker image (also runs `streamproc topics apply`, `publish`, `check`, ...).
#
#   docker build -t streamproc:local .
#   docker run --rm -e KAFKA_BOOTSTRAP_SERVERS=... -e DATABASE_URL=... -e REDIS_URL=... streamproc:local
#
# Configuration comes only from environment variables at run time (streamproc/settings.py);
# nothing secret is baked into the image.

# ---- builder: a virtualenv with streamproc and its runtime dependencies only --------------------
FROM python:3.11-slim AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /src
RUN python -m venv /opt/venv

# The runtime dependencies (the pinned [project] dependencies of pyproject.toml, no extras: the
# `local` and `test` extras never reach the image) in their own layer, cached until they change.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
    && /opt/venv/bin/pip install --no-cache-dir --requirement requirements.txt

# The project itself, as a wheel (package data included: migrations, the sample CSV).
COPY README.md ./
COPY streamproc ./streamproc
RUN python -m pip wheel --no-cache-dir --no-deps --wheel-dir /dist . \
    && /opt/venv/bin/pip install --no-cache-dir --no-deps /dist/streamproc-*.whl

# ---- runtime ------------------------------------------------------------------------------------
FROM python:3.11-slim

LABEL org.opencontainers.image.title="streamproc" \
      org.opencontainers.image.description="Kafka stream processor that classifies sales-meeting transcripts" \
      org.opencontainers.image.licenses="Apache-2.0"

ENV PATH="/opt/venv/bin:${PATH}" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    STREAMPROC_WEB_HOST=0.0.0.0 \
    STREAMPROC_TOPICS_FILE=/app/topics.yaml

RUN groupadd --system --gid 10001 streamproc \
    && useradd --system --uid 10001 --gid streamproc --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin streamproc

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
# Read-only for the worker (owned by root); /app itself is the worker's, for Faust's data dir.
COPY topics.yaml ./topics.yaml
COPY streamproc/samples/meetings.csv ./samples/meetings.csv
RUN chown streamproc:streamproc /app

USER 10001:10001

EXPOSE 6066

# Liveness from the worker's /health (no curl in slim images: python's urllib).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('STREAMPROC_WEB_PORT', '6066') + '/health', timeout=4)"]

ENTRYPOINT ["streamproc"]
CMD ["worker"]
