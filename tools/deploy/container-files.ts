import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// Reading the container files without a Docker engine: the Dockerfile's instructions by stage, the
// compose file, and the environment a container of the argus service starts with.
export const ROOT = join(__dirname, '..', '..');
export const readRepoFile = (file: string) => readFileSync(join(ROOT, file), 'utf8');

export interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions with line continuations joined and comments dropped. */
export function instructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** The instructions of each build stage, by stage name. */
export function stages(all: Instruction[]): Map<string, Instruction[]> {
  const byStage = new Map<string, Instruction[]>();
  let current: Instruction[] = [];
  for (const instruction of all) {
    if (instruction.keyword === 'FROM') {
      current = [];
      byStage.set(/\bAS\s+(\S+)/i.exec(instruction.args)?.[1] ?? `stage${byStage.size}`, current);
    }
    current.push(instruction);
  }
  return byStage;
}

export interface ComposeService {
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
  build?: string;
  image?: string;
  container_name?: string;
  profiles?: string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

export const composeFile = (): ComposeFile => parse(readRepoFile('docker-compose.yml')) as ComposeFile;

/** `ENV` of the runtime stage (`ENV A=1 B=2` form). */
export function imageEnv(): Record<string, string> {
  const runtime = stages(instructions(readRepoFile('Dockerfile'))).get('runtime') ?? [];
  const env: Record<string, string> = {};
  for (const { args } of runtime.filter((i) => i.keyword === 'ENV')) {
    for (const pair of args.split(/\s+/)) {
      const eq = pair.indexOf('=');
      if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return env;
}

/**
 * Compose's interpolation of one value: `${VAR}`, `${VAR-default}` (default when unset) and
 * `${VAR:-default}` (default when unset or empty), from `shell` (the user's environment / .env).
 */
export function interpolate(value: string, shell: Record<string, string | undefined>): string {
  return value.replace(/\$\{(\w+)(:?-)?([^}]*)\}/g, (_, name: string, op: string | undefined, fallback: string) => {
    const set = shell[name];
    if (op === '-') return set === undefined ? fallback : set;
    if (op === ':-') return set === undefined || set === '' ? fallback : set;
    return set ?? '';
  });
}

/** The environment of the argus container: the image's ENV overlaid by the compose service's. */
export function argusContainerEnv(shell: Record<string, string | undefined> = {}): Record<string, string> {
  const service = composeFile().services['argus'];
  const fromCompose = Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), shell)]);
  return { ...imageEnv(), ...Object.fromEntries(fromCompose) };
}
