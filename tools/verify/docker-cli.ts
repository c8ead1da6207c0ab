import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The Docker client and engine as `npm run verify:docker` uses them: which client can build with the
// chosen builder, the base image (a local stand-in when no registry answers), and plain commands.

export const ROOT = join(__dirname, '..', '..');
export type Builder = 'buildkit' | 'legacy';

export interface DockerClient {
  bin: string;
  builder: Builder;
  env: NodeJS.ProcessEnv;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(client: DockerClient, args: string[], timeoutMs = 120_000): Run {
  const result = spawnSync(client.bin, args, { encoding: 'utf8', env: client.env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? String(result.error ?? '') };
}

/** Like `run`, but throws with the command's own words when it fails. */
export function must(client: DockerClient, args: string[], timeoutMs?: number): string {
  const result = run(client, args, timeoutMs);
  if (result.status !== 0) throw new Error(`docker ${args.join(' ')} failed (${result.status}): ${(result.stderr || result.stdout).trim()}`);
  return result.stdout.trim();
}

/** Runs a long command (a build) with its output in `logFile`; resolves with its exit code. */
export function runLogged(client: DockerClient, args: string[], logFile: string): Promise<number | null> {
  const log = createWriteStream(logFile);
  const child = spawn(client.bin, args, { env: client.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  return new Promise((resolve) => child.once('close', (code) => log.end(() => resolve(code))));
}

const clientVersion = (bin: string): number | null => {
  const out = spawnSync(bin, ['version', '--format', '{{.Client.Version}}'], { encoding: 'utf8' }).stdout?.trim();
  const major = Number(/^(\d+)\./.exec(out ?? '')?.[1]);
  return Number.isFinite(major) ? major : null;
};
const hasBuildx = (bin: string) => spawnSync(bin, ['buildx', 'version'], { encoding: 'utf8' }).status === 0;

/**
 * A Docker client for the builder: `DOCKER` when set, else `docker` on PATH, else Debian's
 * /usr/bin/docker. BuildKit needs either the buildx plugin or a client older than 23 (which
 * builds with BuildKit itself under DOCKER_BUILDKIT=1); the legacy builder runs with DOCKER_BUILDKIT=0.
 */
export function chooseClient(builder: Builder): DockerClient | { error: string } {
  const candidates = process.env['DOCKER'] ? [process.env['DOCKER']] : ['docker', '/usr/bin/docker'];
  const env = { ...process.env, DOCKER_BUILDKIT: builder === 'buildkit' ? '1' : '0', BUILDKIT_PROGRESS: 'plain' };
  const seen: string[] = [];
  for (const bin of candidates) {
    const major = clientVersion(bin);
    if (major === null) continue;
    seen.push(`${bin} (client ${major})`);
    if (builder === 'legacy' || major < 23 || hasBuildx(bin)) return { bin, builder, env };
  }
  if (seen.length === 0) return { error: 'no Docker client found (apt-get install docker.io)' };
  return { error: `no client here builds with BuildKit: ${seen.join(', ')} lack the buildx plugin; use Debian's docker.io client (DOCKER=/usr/bin/docker) or --builder legacy` };
}

/** The engine answers; the error names what to do otherwise. */
export function engineError(client: DockerClient): string | null {
  const info = run(client, ['info', '--format', '{{.ServerVersion}}'], 20_000);
  if (info.status === 0) return null;
  return `no Docker engine answers (${(info.stderr || info.stdout).trim().split('\n')[0]}); start one, e.g. \`dockerd >/tmp/dockerd.log 2>&1 &\``;
}

/** The Dockerfile's default base image (`ARG NODE_IMAGE=...`). */
export function baseImage(context: string): string {
  const match = /^ARG NODE_IMAGE=(\S+)$/m.exec(readFileSync(join(context, 'Dockerfile'), 'utf8'));
  if (!match) throw new Error('the Dockerfile has no ARG NODE_IMAGE=...');
  return match[1];
}

/**
 * Makes sure the base image exists: present, else pulled, else built locally from Debian packages and
 * this machine's Node.js (tools/deploy/stand-in-base.sh), and says which.
 */
export function ensureBaseImage(client: DockerClient, image: string, say: (line: string) => void): 'present' | 'pulled' | 'stand-in' {
  if (run(client, ['image', 'inspect', image]).status === 0) {
    const comment = run(client, ['image', 'inspect', '-f', '{{.Comment}}', image]).stdout.trim();
    say(`base image ${image}: present${comment.startsWith('stand-in') ? ` (a local stand-in: ${comment})` : ''}`);
    return 'present';
  }
  say(`base image ${image}: missing; trying to pull it`);
  const pull = run(client, ['pull', image], 60_000);
  if (pull.status === 0) return 'pulled';
  say(`pull failed (${(pull.stderr || 'timed out').trim().split('\n').at(-1)}): no registry reachable`);
  say(`building a local stand-in for ${image} from Debian packages (debootstrap) and this machine's Node.js: tools/deploy/stand-in-base.sh`);
  const script = join(ROOT, 'tools', 'deploy', 'stand-in-base.sh');
  const built = spawnSync('bash', [script, image], { stdio: 'inherit', env: { ...client.env, DOCKER: client.bin } });
  if (built.status !== 0) throw new Error(`the stand-in base image could not be built (exit ${built.status})`);
  return 'stand-in';
}

/** Image layers, largest first: size in bytes and the instruction that made each. */
export function layers(client: DockerClient, image: string): Array<{ bytes: number; step: string }> {
  const out = must(client, ['history', '--no-trunc', '--human=false', '--format', '{{.Size}}\t{{.CreatedBy}}', image]);
  return out
    .split('\n')
    .map((line) => {
      const [size, ...rest] = line.split('\t');
      const step = rest.join('\t').replace(/^\/bin\/sh -c (#\(nop\) )?/, '').replace(/\s+/g, ' ').trim();
      return { bytes: Number(size), step };
    })
    .filter((layer) => layer.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}
