# syntax=docker/dockerfile:1
# ner-gateway image: build stage compiles TypeScript (and any native addon), runtime stage is slim,
# non-root, with the built-in model baked in. Certificates and config are mounts (/app/certs,
# /app/config); every file the gateway writes (key store, metering ledgers, quota counters,
# disconnected usage records) is under the /app/data volume (see README "Operating ner-gateway").

FROM node:20-bookworm-slim AS build
# Toolchain for native addons that build from source (e.g. better-sqlite3).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev --no-audit --no-fund \
 # onnxruntime-node ships every platform's binaries; the image only runs Linux (-220 MB).
 && rm -rf node_modules/onnxruntime-node/bin/napi-v6/darwin node_modules/onnxruntime-node/bin/napi-v6/win32

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=root:root /src/node_modules ./node_modules
COPY --from=build --chown=root:root /src/dist ./dist
COPY package.json ./
COPY config ./config
COPY models/default ./models/default
COPY models/entities ./models/entities
# Writable mount points owned by the unprivileged `node` user (uid 1000) of the base image, and
# /modelPath (models.modelPath), where Azure's Custom NER run line mounts its model folder (read-only).
RUN mkdir -p certs data models/custom /modelPath && chown node:node certs data
USER node
EXPOSE 5000
VOLUME ["/app/certs", "/app/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "dist/scripts/healthcheck.js"]
# The same start path as `npm start` after the build; settings come from /app/config, env and arguments.
CMD ["node", "dist/src/main.js"]
