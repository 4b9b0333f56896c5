# Followup bot: a wheel built in one stage, installed in a slim image that runs as a non-root user.
# See docs/deploy.md. Build: docker build -t followup-bot .   Run: docker run --env-file .env followup-bot

# ---- build: the bot's wheel and the wheels of its dependencies ----
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

# ---- run: only the installed wheels, no sources, no compilers ----
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    FOLLOWUP_DATA_DIR=/data \
    HOST=0.0.0.0 \
    HEALTH_PORT=8081
RUN useradd --system --uid 10001 --user-group --home-dir /data --create-home followup
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links /wheels followup-bot && rm -rf /wheels
USER followup
WORKDIR /data
VOLUME ["/data"]
# 8080: Telegram webhook / Slack HTTP mode (PORT); 8081: /healthz and /metrics (HEALTH_PORT).
EXPOSE 8080 8081
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["followup-bot", "health"]
ENTRYPOINT ["followup-bot"]
CMD ["run"]
