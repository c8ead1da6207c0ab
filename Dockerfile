# Argus in one container: API, detection worker pool and web console (see README "Deploying with Docker").
#   docker build -t argus .            (BuildKit or the legacy builder; nothing but the base image is pulled)
#   docker compose up -d               (argus + mongo + mediamtx, docker-compose.yml)
#   npm run verify:docker              (builds, runs and checks the image: tools/verify/README.md)

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: every dependency, then the API (dist/server) and the console (dist/web) -------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# ONNXRUNTIME_NODE_INSTALL=skip: onnxruntime-node's install step would download its optional CUDA
# libraries; Argus runs it on the CPU with the binaries its package ships.
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false ONNXRUNTIME_NODE_INSTALL=skip
# Manifests first: the dependency layer is reused until package-lock.json changes.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: Node, tini, ffmpeg, production dependencies and the built files ---------------------
FROM ${NODE_IMAGE} AS runtime
# ffmpeg: on x64 the static ffmpeg that @ffmpeg-installer/linux-x64 ships (68 MB; Debian's ffmpeg
# package would add about 600 MB of libraries); on other architectures, which have no packaged one,
# Debian's. /usr/local/bin/ffmpeg is either.
RUN arch="$(dpkg --print-architecture)" \
  && apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tini ca-certificates $([ "$arch" = amd64 ] || echo ffmpeg) \
  && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt /var/log/dpkg.log /usr/share/doc/* /usr/share/man/*
WORKDIR /app
ENV NODE_ENV=production ONNXRUNTIME_NODE_INSTALL=skip
# Runtime needs only "dependencies" (Nest, mongoose, libsql, onnxruntime-node, tfjs and the model
# packages, piscina, werift...), less what it never loads (tools/deploy/prune-node-modules.mjs:
# other platforms' binaries, browser bundles, source maps, types). Models are all kept.
COPY package.json package-lock.json .npmrc ./
COPY tools/deploy/prune-node-modules.mjs /tmp/prune-node-modules.mjs
RUN npm ci --omit=dev --no-audit --no-fund \
  && node /tmp/prune-node-modules.mjs node_modules \
  && rm -rf /tmp/prune-node-modules.mjs /root/.npm /tmp/node-compile-cache \
  && if [ -x node_modules/@ffmpeg-installer/linux-x64/ffmpeg ] && [ "$(dpkg --print-architecture)" = amd64 ]; then \
       ln -s /app/node_modules/@ffmpeg-installer/linux-x64/ffmpeg /usr/local/bin/ffmpeg; \
     else ln -s /usr/bin/ffmpeg /usr/local/bin/ffmpeg; fi \
  && /usr/local/bin/ffmpeg -hide_banner -version | head -n 1
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/web ./dist/web

# Listen on every interface inside the container; data (SQLite, snapshots, generated secrets) on a volume.
ENV HOST=0.0.0.0 \
    PORT=4000 \
    DATA_DIR=/data \
    FFMPEG_PATH=/usr/local/bin/ffmpeg \
    WEBRTC_UDP_PORTS=40000-40100
RUN mkdir -p /data && chown node:node /data
VOLUME /data

# The image's unprivileged "node" user (uid 1000) runs everything, ffmpeg children included.
USER node
EXPOSE 4000/tcp
# Embedded WebRTC gateway (live view without MediaMTX): map the same UDP range on the host.
EXPOSE 40000-40100/udp

# Liveness: the process answers (readiness, incl. the database, is /api/health/ready).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# tini is PID 1: forwards SIGTERM to Node (graceful shutdown, exit 0) and reaps any orphaned child.
ENTRYPOINT ["tini", "--"]
CMD ["node", "dist/server/apps/api/src/main.js"]
