import { spawnSync } from 'node:child_process';
import { validate } from 'dockerfile-utils';
import { parse } from 'yaml';
import { argusContainerEnv, composeFile, instructions, interpolate, readRepoFile as read, ROOT, stages } from './container-files';

// Validates the container files without a Docker engine: Dockerfile lint (dockerfile-utils, the
// VS Code Docker linter) plus the properties a deployment relies on, and the compose file's wiring.

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const all = instructions(text);
  const byStage = stages(all);
  const runtime = byStage.get('runtime') ?? [];
  const args = (keyword: string, list = runtime) => list.filter((i) => i.keyword === keyword).map((i) => i.args);

  it('passes the linter, which does flag a broken file', () => {
    expect(validate(text).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    const broken = validate('FROM node:20\nRUNN echo\nHEALTHCHECK --interval=abc CMD true\n').map((d) => d.message);
    expect(broken).toEqual(['Unknown instruction: RUNN', 'time: invalid duration abc']);
  });

  it('builds in one Node 20 bookworm-slim stage and runs from another', () => {
    expect([...byStage.keys()]).toEqual(['build', 'runtime']);
    expect(text).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(args('FROM', all)).toEqual(['${NODE_IMAGE} AS build', '${NODE_IMAGE} AS runtime']);
    expect(args('RUN', byStage.get('build'))).toEqual(['npm ci --no-audit --no-fund', 'npm run build']);
    expect(args('RUN').join('\n')).toMatch(/npm ci --omit=dev/);
    expect(args('COPY')).toEqual(expect.arrayContaining(['--from=build /app/dist/server ./dist/server', '--from=build /app/dist/web ./dist/web']));
  });

  it('builds with BuildKit offline: no `# syntax=` line, which makes BuildKit pull a frontend image', () => {
    expect(text).not.toMatch(/^#\s*syntax\s*=/im);
    expect(args('FROM', all).every((from) => from.startsWith('${NODE_IMAGE}'))).toBe(true);
  });

  it('skips onnxruntime-node\'s CUDA download in both stages, also with an npm that ignores allowScripts', () => {
    for (const stage of ['build', 'runtime']) expect(args('ENV', byStage.get(stage)).join(' ')).toMatch(/\bONNXRUNTIME_NODE_INSTALL=skip\b/);
    expect(read('.npmrc')).not.toMatch(/onnxruntime/); // npm 11: "Unknown project config"
    const allowScripts = (JSON.parse(read('package.json')) as { allowScripts: Record<string, boolean> }).allowScripts;
    expect(allowScripts['onnxruntime-node']).toBe(false);
  });

  it('prunes what the runtime never loads right after installing the production dependencies', () => {
    const install = args('RUN').find((r) => r.includes('npm ci --omit=dev')) ?? '';
    expect(install).toMatch(/npm ci --omit=dev .*&& node \/tmp\/prune-node-modules\.mjs node_modules/);
    expect(args('COPY')).toContain('tools/deploy/prune-node-modules.mjs /tmp/prune-node-modules.mjs');
  });

  it('installs tini (and ffmpeg where no packaged one exists) without recommends, and runs as a non-root user under tini', () => {
    const apt = args('RUN').find((r) => r.includes('apt-get install')) ?? '';
    expect(apt).toMatch(/DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tini ca-certificates \$\(\[ "\$arch" = amd64 \] \|\| echo ffmpeg\)/);
    expect(apt).toMatch(/rm -rf \/var\/lib\/apt\/lists\/\*/);
    expect(args('RUN').join('\n')).toMatch(/ln -s \/app\/node_modules\/@ffmpeg-installer\/linux-x64\/ffmpeg \/usr\/local\/bin\/ffmpeg/);
    expect(args('USER')).toEqual(['node']);
    expect(args('ENTRYPOINT')).toEqual(['["tini", "--"]']);
    expect(args('CMD').at(-1)).toBe('["node", "dist/server/apps/api/src/main.js"]');
  });

  it('listens on all interfaces, keeps data on a volume, checks health, exposes HTTP and the WebRTC range', () => {
    const env = args('ENV').join(' ');
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(env).toMatch(/\bDATA_DIR=\/data\b/);
    expect(env).toMatch(/\bFFMPEG_PATH=\/usr\/local\/bin\/ffmpeg\b/);
    expect(args('VOLUME')).toEqual(['/data']);
    expect(args('EXPOSE')).toEqual(['4000/tcp', '40000-40100/udp']);
    expect(env).toMatch(/\bWEBRTC_UDP_PORTS=40000-40100\b/);
    expect(args('HEALTHCHECK')[0]).toMatch(/CMD .*\/api\/health/);
  });

  it('keeps local data, dependencies, build output and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['.git', 'node_modules', 'dist', 'data', 'tmp', '.env']) expect(ignored).toContain(entry);
  });
});

describe('docker-compose.yml', () => {
  const compose = composeFile();
  const argus = compose.services['argus'];

  it('runs argus, mongo and mediamtx together; MinIO only with the s3 profile, Redis and workers with cluster', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['argus', 'mediamtx', 'minio', 'minio-init', 'mongo', 'redis', 'worker']);
    for (const name of ['argus', 'mediamtx', 'mongo']) expect(compose.services[name].profiles).toBeUndefined();
    for (const name of ['minio', 'minio-init']) expect(compose.services[name].profiles).toEqual(['s3']);
    for (const name of ['redis', 'worker']) expect(compose.services[name].profiles).toEqual(['cluster']);
    expect(argus.build).toBe('.');
    expect(argus.depends_on).toEqual({ mongo: { condition: 'service_healthy' }, mediamtx: { condition: 'service_started' } });
  });

  it('wires argus to the other services through the environment table', () => {
    const env = argus.environment ?? {};
    expect(env['MONGODB_URI']).toBe('mongodb://mongo:27017/argus');
    expect(env['MEDIAMTX_URL']).toBe('${MEDIAMTX_URL-rtsp://mediamtx:8554}');
    expect(env['MEDIAMTX_WEBRTC_URL']).toMatch(/:8889\}$/);
    expect(compose.services['mediamtx'].environment?.['MTX_AUTHHTTPADDRESS']).toMatch(/http:\/\/argus:4000\/api\/mediamtx\/auth/);
    // Every variable handed to Argus is one the README documents.
    const readme = read('README.md');
    for (const name of Object.keys(env)) expect(readme).toContain(`\`${name}\``);
  });

  it('has workers that scale (`--scale worker=N`): the argus image as a worker of Redis and MongoDB, no port', () => {
    const worker = compose.services['worker'];
    expect(worker.image).toBe(argus.image);
    expect(worker.ports).toBeUndefined();
    expect(worker.container_name).toBeUndefined();
    expect(worker.depends_on).toEqual({ mongo: { condition: 'service_healthy' }, redis: { condition: 'service_started' } });
    const env = worker.environment ?? {};
    expect(env).toMatchObject({ ARGUS_ROLE: 'worker', REDIS_URL: 'redis://redis:6379', MONGODB_URI: 'mongodb://mongo:27017/argus' });
    // The settings every node must share are handed to the workers as to argus.
    for (const name of ['JWT_SECRET', 'ARGUS_SECRET_KEY', 'MEDIA_STORE', 'S3_ENDPOINT', 'MEDIAMTX_URL']) expect(env[name]).toBe(argus.environment?.[name]);
    const readme = read('README.md');
    for (const name of Object.keys(env)) expect(readme).toContain(`\`${name}\``);
    expect((argus.environment ?? {})['REDIS_URL']).toBe('${REDIS_URL:-}');
  });

  it('keeps argus data on a named volume at DATA_DIR and publishes the HTTP port', () => {
    expect(argus.volumes).toEqual(['argus-data:/data']);
    expect(compose.volumes).toHaveProperty('argus-data');
    expect(argus.ports).toEqual(['${ARGUS_PORT:-4000}:4000']);
  });

  // A Compose implementation validates interpolation and the schema; CI machines may have none.
  const compose2 = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;
  const compose1 = !compose2 && spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
  (compose1 || compose2 ? it : it.skip)('is accepted by `docker compose config` when Compose is installed', () => {
    const [cmd, args] = compose2 ? ['docker', ['compose', 'config', '-q']] : ['docker-compose', ['config', '-q']];
    const run = spawnSync(cmd as string, args as string[], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr.trim()).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('compose interpolation and the argus container environment', () => {
  it('interpolates ${VAR}, ${VAR-default} and ${VAR:-default} as Compose does', () => {
    expect(interpolate('${A-x}|${A:-y}|${B}', {})).toBe('x|y|');
    expect(interpolate('${A-x}|${A:-y}', { A: '' })).toBe('|y');
    expect(interpolate('${A-x}|${A:-y}|${A}', { A: 'v' })).toBe('v|v|v');
  });

  it('starts the container with the image ENV overlaid by the service environment', () => {
    const env = argusContainerEnv();
    expect(env).toMatchObject({ HOST: '0.0.0.0', PORT: '4000', DATA_DIR: '/data', MONGODB_URI: 'mongodb://mongo:27017/argus', LOG_LEVEL: 'info' });
    expect(env['MEDIAMTX_URL']).toBe('rtsp://mediamtx:8554');
    expect(argusContainerEnv({ MEDIAMTX_URL: '' })['MEDIAMTX_URL']).toBe('');
  });
});

describe('deploy/mediamtx.yml', () => {
  const config = parse(read('deploy/mediamtx.yml')) as Record<string, unknown> & { pathDefaults: Record<string, unknown>; paths: Record<string, unknown> };
  const mediamtx = composeFile().services['mediamtx'];
  const argus = argusContainerEnv();
  const port = (address: unknown) => Number(/:(\d+)$/.exec(String(address))?.[1]);

  it('is the file the mediamtx service runs with, read-only', () => {
    expect(mediamtx.volumes).toContain('./deploy/mediamtx.yml:/mediamtx.yml:ro');
  });

  it('asks Argus about every publish and read, and serves nothing else unauthenticated', () => {
    expect(config['authMethod']).toBe('http');
    expect(String(config['authHTTPAddress'])).toMatch(/^http:\/\/argus:4000\/api\/mediamtx\/auth$/);
    expect(config['authHTTPExclude']).toEqual([]);
    for (const off of ['api', 'metrics', 'pprof', 'playback', 'rtmp', 'hls', 'srt']) expect(config[off]).toBe(false);
  });

  it('listens where Argus publishes and where browsers play, on the ports compose publishes', () => {
    expect(config['rtsp']).toBe(true);
    expect(port(config['rtspAddress'])).toBe(port(new URL(argus['MEDIAMTX_URL']).host));
    expect(config['webrtc']).toBe(true);
    expect(port(config['webrtcAddress'])).toBe(Number(new URL(argus['MEDIAMTX_WEBRTC_URL']).port));
    const udp = port(config['webrtcLocalUDPAddress']);
    expect(mediamtx.ports).toEqual(expect.arrayContaining([`127.0.0.1:${port(config['rtspAddress'])}:${port(config['rtspAddress'])}`, `${udp}:${udp}/udp`]));
  });

  it('takes any camera id as a path and lets a reconnecting Argus replace its stale publication', () => {
    expect(config.paths).toHaveProperty('all_others');
    expect(config.pathDefaults).toMatchObject({ source: 'publisher', overridePublisher: true });
  });
});
