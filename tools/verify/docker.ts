// Argus's container image, built and run for real: builds the image (BuildKit or the legacy
// builder; the base image is pulled, or made locally from Debian packages when no registry answers),
// runs it on a fresh volume and checks health, the first-admin line, uid 1000 for every process,
// ffmpeg inside, face recognition with the image's models, the image's HEALTHCHECK turning healthy,
// data kept across a restart and `docker stop` ending with exit 0 within the grace period. Prints
// the figures (build time, image size and largest layers, time to health) and PASSED or FAILED.
// Exit code: 0 passed, 1 a check failed, 2 no Docker here.
// Usage: npm run verify:docker [-- --builder buildkit|legacy --tag argus:verify --no-cache --no-build --keep]
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { baseImage, chooseClient, engineError, ensureBaseImage, layers, must, ROOT, run, runLogged, type Builder, type DockerClient } from './docker-cli';
import { freePort } from '../testing/free-port';

const { values: options } = parseArgs({
  options: {
    builder: { type: 'string', default: 'buildkit' },
    tag: { type: 'string', default: 'argus:verify' },
    context: { type: 'string', default: ROOT },
    'no-build': { type: 'boolean', default: false },
    /** Build every step again (`docker build --no-cache`): the time of a first build. */
    'no-cache': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    /** `docker stop` grace period, as compose's stop_grace_period. */
    grace: { type: 'string', default: '20' },
    'health-deadline': { type: 'string', default: '120' },
  },
});
const builder = options.builder as Builder;
if (builder !== 'buildkit' && builder !== 'legacy') {
  process.stderr.write('--builder must be buildkit or legacy\n');
  process.exit(2);
}
const GRACE_S = Number(options.grace);
const HEALTH_DEADLINE_MS = Number(options['health-deadline']) * 1000;
const PHOTO = join(ROOT, 'libs', 'detection', 'test', 'fixtures', 'astronaut.jpg');
const OUT_DIR = join(ROOT, 'tmp', 'verify-docker');

const started = Date.now();
const say = (line: string) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const checks: Array<{ name: string; ok: boolean; detail: string }> = [];
function check(name: string, ok: boolean, detail: string): boolean {
  checks.push({ name, ok, detail });
  say(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  return ok;
}
const figures: Array<[string, string]> = [];

async function until<T>(deadlineMs: number, probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(250);
  }
  return undefined;
}

async function build(client: DockerClient, tag: string): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const log = join(OUT_DIR, `build-${builder}.log`);
  say(`building ${tag} with ${builder === 'buildkit' ? 'BuildKit' : 'the legacy builder'} (${client.bin}); output in ${log}`);
  const t0 = Date.now();
  const code = await runLogged(client, ['build', ...(options['no-cache'] ? ['--no-cache'] : []), '-t', tag, options.context as string], log);
  const tail = readFileSync(log, 'utf8').trim().split('\n').slice(-15).join('\n');
  if (!check('build', code === 0, code === 0 ? `${secs(Date.now() - t0)}` : `exit ${code}:\n${tail}`)) throw new Error('build failed');
  figures.push([`build (${builder}${options['no-cache'] ? ', no cache' : ''})`, secs(Date.now() - t0)]);
}

interface Session {
  token: string;
  personId: string;
}

/** A request that gives up: a connection Docker's port proxy accepts before the app listens can hang. */
function get(url: string, timeoutMs = 3000): Promise<Response> {
  return fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
}

async function api(base: string, path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers as Record<string, string> | undefined) };
  return fetch(`${base}${path}`, { ...init, headers, signal: AbortSignal.timeout(60_000) });
}

async function login(base: string, password: string): Promise<string | null> {
  const res = await api(base, '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  return res.ok ? ((await res.json()) as { token: string }).token : null;
}

/** Enrols the test photo as a person, then recognises the same photo: the models load and match. */
async function recognition(base: string, token: string): Promise<Session | null> {
  const photo = readFileSync(PHOTO);
  const person = await api(base, '/api/people', { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Verify Docker' }) });
  const { id } = (await person.json()) as { id: string };
  const t0 = Date.now();
  const face = await api(base, `/api/people/${id}/faces`, { method: 'POST', token, headers: { 'content-type': 'image/jpeg' }, body: photo });
  if (!check('enrol a face', face.status === 201, `POST /api/people/:id/faces → ${face.status} in ${secs(Date.now() - t0)}`)) return null;
  const t1 = Date.now();
  const seen = await api(base, '/api/recognize', { method: 'POST', token, headers: { 'content-type': 'image/jpeg' }, body: photo });
  const body = (await seen.json()) as { faces?: Array<{ person: { id: string; similarity: number } | null }> };
  const match = body.faces?.find((f) => f.person?.id === id)?.person;
  check('recognise the face', !!match, `POST /api/recognize → ${seen.status}, ${body.faces?.length ?? 0} face(s), ${match ? `matched with similarity ${match.similarity.toFixed(3)}` : 'no match'} in ${secs(Date.now() - t1)}`);
  return match ? { token, personId: id } : null;
}

async function healthy(client: DockerClient, container: string): Promise<number | undefined> {
  const t0 = Date.now();
  const ok = await until(HEALTH_DEADLINE_MS, async () => (must(client, ['inspect', '-f', '{{.State.Health.Status}}', container]) === 'healthy' ? true : undefined));
  return ok ? Date.now() - t0 : undefined;
}

async function main(): Promise<void> {
  const client = chooseClient(builder);
  if ('error' in client) return void (say(client.error), process.exit(2));
  const noEngine = engineError(client);
  if (noEngine) return void (say(noEngine), process.exit(2));
  const tag = options.tag as string;
  ensureBaseImage(client, baseImage(options.context as string), say);
  if (!options['no-build']) await build(client, tag);

  const size = Number(must(client, ['image', 'inspect', '-f', '{{.Size}}', tag]));
  check('image size', size <= 900e6, `${mb(size)} (target ≤ 900 MB)`);
  figures.push(['image size', mb(size)]);
  for (const layer of layers(client, tag).slice(0, 6)) say(`  layer ${mb(layer.bytes).padStart(7)}  ${layer.step.slice(0, 110)}`);

  const name = `argus-verify-${process.pid}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  must(client, ['volume', 'create', name]);
  try {
    // The image's HEALTHCHECK command, run every 2 s instead of 30 s so that the check takes seconds.
    const t0 = Date.now();
    must(client, ['run', '-d', '--name', name, '-p', `127.0.0.1:${port}:4000`, '-v', `${name}:/data`, '--stop-timeout', String(GRACE_S), '--health-interval', '2s', '-e', 'DETECTION_THREADS=1', tag]);
    const up = await until(HEALTH_DEADLINE_MS, async () => ((await get(`${base}/api/health`)).ok ? Date.now() - t0 : undefined));
    if (!check('health answers', up !== undefined, up !== undefined ? `GET /api/health 200 after ${secs(up)}` : `nothing within ${HEALTH_DEADLINE_MS / 1000} s:\n${run(client, ['logs', '--tail', '30', name]).stdout}`)) return;
    figures.push(['time to health', secs(up as number)]);
    const ready = (await (await get(`${base}/api/health/ready`)).json()) as { ready: boolean; database: { kind: string; up: boolean } };
    check('ready', ready.ready && ready.database.up, `database ${ready.database.kind} up: ${ready.database.up}`);

    const logs = must(client, ['logs', name]) + run(client, ['logs', name]).stderr;
    const password = /First admin created: username "admin", password (\S+)/.exec(logs)?.[1];
    check('first-admin line', !!password, password ? 'printed once in the logs' : 'missing from the logs');
    const warnings = logs.split('\n').filter((l) => /LegacyRouteConverter|Unknown (project|env|user) config/.test(l));
    check('no start-up warnings', warnings.length === 0, warnings.length ? warnings.join(' | ') : 'no LegacyRouteConverter or npm config warning');

    const uids = must(client, ['exec', name, 'sh', '-c', 'for s in /proc/[0-9]*/status; do awk \'/^Name:/{n=$2} /^Uid:/{print n, $2}\' "$s"; done']);
    const others = uids.split('\n').filter((l) => l && !l.endsWith(' 1000') && !/^(sh|awk) /.test(l));
    check('uid 1000', others.length === 0, others.length ? `not uid 1000: ${others.join(', ')}` : uids.split('\n').filter((l) => !/^(sh|awk) /.test(l)).join(', '));
    const ffmpeg = run(client, ['exec', name, 'sh', '-c', '"$FFMPEG_PATH" -hide_banner -version | head -n 1']);
    check('ffmpeg inside', ffmpeg.status === 0 && /^ffmpeg version/.test(ffmpeg.stdout), ffmpeg.stdout.trim().slice(0, 80) || ffmpeg.stderr.trim());

    const token = password ? await login(base, password) : null;
    const session = token ? await recognition(base, token) : null;

    const healthyAfter = await healthy(client, name);
    check('HEALTHCHECK healthy', healthyAfter !== undefined, healthyAfter !== undefined ? `healthy ${secs(Date.now() - t0)} after start` : must(client, ['inspect', '-f', '{{json .State.Health}}', name]));

    const r0 = Date.now();
    must(client, ['restart', '-t', String(GRACE_S), name], (GRACE_S + 30) * 1000);
    const again = await until(HEALTH_DEADLINE_MS, async () => ((await get(`${base}/api/health`)).ok ? Date.now() - r0 : undefined));
    if (again !== undefined) figures.push(['restart to health', secs(again)]);
    const secondLogs = run(client, ['logs', '--since', new Date(r0).toISOString(), name]);
    const kept = session && again !== undefined && password ? await login(base, password) : null;
    const person = kept && session ? await api(base, `/api/people/${session.personId}`, { token: kept }) : null;
    check('data kept across a restart', !!kept && person?.status === 200 && !/First admin created/.test(secondLogs.stdout),
      kept ? `same admin password works, the person enrolled before is there (${person?.status}), no new first admin` : 'login after the restart failed');

    const s0 = Date.now();
    must(client, ['stop', '-t', String(GRACE_S), name], (GRACE_S + 30) * 1000);
    const stopMs = Date.now() - s0;
    const exit = Number(must(client, ['inspect', '-f', '{{.State.ExitCode}}', name]));
    check('docker stop', exit === 0 && stopMs < GRACE_S * 1000, `exit ${exit} after ${secs(stopMs)} (grace ${GRACE_S} s)`);
    figures.push(['docker stop', secs(stopMs)]);
  } finally {
    if (!options.keep) {
      run(client, ['rm', '-f', name]);
      run(client, ['volume', 'rm', '-f', name]);
    } else say(`kept container and volume ${name}`);
  }
}

// A fetch through Docker's port proxy before the app listens can stall with nothing holding the
// event loop (seen here: the process then ended with code 0 and no report); this timer holds it.
const keepAlive = setInterval(() => undefined, 1000);
main()
  .catch((error: unknown) => check('run', false, error instanceof Error ? error.message : String(error)))
  .finally(() => {
    clearInterval(keepAlive);
    process.stdout.write(`\nfigures: ${figures.map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
    const failed = checks.filter((c) => !c.ok);
    process.stdout.write(failed.length ? `FAILED: ${failed.map((c) => c.name).join(', ')}\n` : `PASSED (${checks.length} checks)\n`);
    process.exit(failed.length ? 1 : 0);
  });
