# syntax=docker/dockerfile:1
#
# Hội thi CCHC — production image.
#   deps    : npm ci from the lockfile (dev dependencies included, needed to build)
#   build   : nest build + vite build, then prune dev dependencies
#   runtime : Debian slim + tini, runs as the unprivileged `node` user
#
# Build:  docker build -t hoi-thi-cchc .
# Run:    docker run --rm -p 3000:3000 -e DATABASE_URL=postgres://... hoi-thi-cchc
# Compose: see docker-compose.yml and docs/deployment.md.
#
# Debian (glibc) rather than Alpine: argon2 ships prebuilt linux-x64/arm64 glibc binaries,
# so nothing is compiled here and no toolchain is needed.

ARG NODE_IMAGE=node:22-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
# The lockfile and package.json#allowScripts are written with npm 11 (allowScripts decides which
# install scripts may run: argon2 yes, @scarf/scarf no). The npm bundled with the Node image
# may be older and would ignore that policy, so pin the project's npm.
ARG NPM_VERSION=11.19.1
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false \
    SCARF_ANALYTICS=false
RUN npm install --global "npm@${NPM_VERSION}" && npm cache clean --force
WORKDIR /app

# ---------------------------------------------------------------------------------------------
FROM base AS deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci

# ---------------------------------------------------------------------------------------------
FROM deps AS build
# .dockerignore keeps the host's node_modules, dist, data and .git out of this copy.
COPY . .
RUN npm run build \
 && test -f dist/main.js \
 && npm prune --omit=dev

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# tini as PID 1: forwards SIGTERM/SIGINT to node and reaps zombies (as PID 1, node would get no
# default signal behaviour from the kernel). The app handles SIGTERM itself (src/main.ts): it
# closes the HTTP/websocket servers and the database pool, then exits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data

WORKDIR /app

# Application files stay owned by root (read-only for the app user); only DATA_DIR is writable,
# used by the embedded database when DATABASE_URL is not set (mount a volume there).
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/client/dist ./client/dist
# The sample question bank, loaded into an empty database at first start (SEED_SAMPLE_DATA).
COPY --from=build /app/question-banks ./question-banks
RUN mkdir -p /app/data && chown node:node /app/data

USER node

EXPOSE 3000

# No curl in slim images: use node's built-in fetch. 200 only when the database answers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js"]
