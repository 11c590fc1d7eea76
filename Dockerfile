# hiraku API image: the locked dependencies, the code and the curated data; no compiler, runs as non-root.
# Untested on the development machines (they have no Docker engine); see README.md, "Docker".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY pyproject.toml README.md ./
COPY api ./api
COPY cli ./cli
COPY db ./db
COPY loaders ./loaders
COPY schema ./schema
COPY seeds ./seeds
COPY scripts/fetch_graphiql_assets.py ./scripts/
# GraphiQL's browser files, checked against their pinned integrity now, so that the image serves them offline.
RUN pip install --no-deps --no-build-isolation . \
    && python scripts/fetch_graphiql_assets.py --into /app/graphiql \
    && rm -rf build *.egg-info /app/graphiql/.tarballs \
    && useradd --system --uid 10001 --home-dir /data --create-home hiraku

USER hiraku
# Public deployments limit each client: 10 requests a second, bursts of 60.
ENV HOST=0.0.0.0 \
    PORT=8000 \
    HIRAKU_DATA_DIR=/data \
    HIRAKU_GRAPHIQL_ASSETS=/app/graphiql \
    HIRAKU_RATE_LIMIT=10 \
    HIRAKU_RATE_BURST=60
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["hiraku", "serve"]
