# Followup bot: installed into a virtual environment in one stage, copied into a slim image that runs as
# the non-root UID 10001. See docs/deploy.md. Build: docker build -t followup-bot .
# Run: docker run --env-file .env followup-bot
#
# The base is pinned by tag and digest (a tag can be pushed again; a digest cannot); the dependencies by
# requirements.lock (tests/test_deploy_files.py fails when it and pyproject.toml disagree). To move to a
# newer Python image, change the tag and its digest together: docker buildx imagetools inspect <tag>.
ARG PYTHON_IMAGE=python:3.11.11-slim-bookworm@sha256:081075da77b2b55c23c088251026fb69a7b2bf92471e491ff5fd75c192fd38e5

# ---- build: the bot and its locked dependencies in /opt/venv ----
FROM ${PYTHON_IMAGE} AS build
WORKDIR /src
COPY requirements.lock pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir --constraint requirements.lock .

# ---- run: the virtual environment only; no sources, no wheels, no pip cache, no compilers ----
FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    FOLLOWUP_DATA_DIR=/data \
    HOST=0.0.0.0 \
    HEALTH_PORT=8081 \
    HEALTH_HOST=127.0.0.1
RUN groupadd --system --gid 10001 followup \
    && useradd --system --uid 10001 --gid 10001 --home-dir /data --create-home followup
COPY --from=build /opt/venv /opt/venv
# Numeric, so Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
# 8080: Telegram webhook / Slack HTTP mode (PORT). /healthz and /metrics listen on 127.0.0.1:8081 inside the
# container (HEALTH_HOST, HEALTH_PORT): the HEALTHCHECK reaches them; set HEALTH_HOST=0.0.0.0 to scrape from outside.
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["followup-bot", "health"]
ENTRYPOINT ["followup-bot"]
CMD ["run"]
