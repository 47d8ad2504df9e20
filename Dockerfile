# smetsim in a container: `docker build -t smetsim .`, then `docker run -p 8080:8080 -p 1883:1883 smetsim`
# runs `smetsim serve` (see README.md, Container). compose.yaml adds mosquitto.

# --- build: install everything, compile TypeScript, then drop the dev dependencies ---------------
FROM node:20-bookworm-slim AS build
# better-sqlite3 and cbor-extract install prebuilt binaries for Node 20 on glibc; the compiler is
# here for the platforms that have none. The versions are Debian bookworm's, as the base image pins.
# hadolint ignore=DL3008
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# No scripts yet: the package's `prepare` builds, and the sources are not here. Dependencies' own
# install steps (the native modules) run in the rebuild below, once.
RUN npm ci --ignore-scripts --no-audit --no-fund
# Everything else (.dockerignore leaves out node_modules, dist, tests and local state): the whole
# tree, so that a new source folder needs no change here.
COPY . .
RUN npm rebuild \
  && npm run build \
  && npm prune --omit=dev --no-audit --no-fund

# --- runtime: production dependencies, the compiled code and the data files it reads -------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
  SMETSIM_HOST=0.0.0.0 \
  SMETSIM_DATA_DIR=/data
WORKDIR /app
# The pruned tree: production node_modules, dist/, and the data files dist/ reads beside it (the
# built-in scenarios, the soak profiles, the SR catalogue and the DCC test PKI, as package.json's
# "files" lists).
COPY --from=build /app ./
RUN chmod 0755 dist/bin/smetsim.js \
  && ln -s /app/dist/bin/smetsim.js /usr/local/bin/smetsim \
  && mkdir /data \
  && chown node:node /data
# The image's own unprivileged user (uid 1000); the harness's state lives in /data.
USER node
VOLUME ["/data"]
# The User Gateway (HTTP) and the embedded SMWAN broker (MQTT).
EXPOSE 8080 1883
# serve's /healthz answers while the process is up (/readyz adds the broker link and the database).
# node, not curl: the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["smetsim"]
CMD ["serve"]
