import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const astronaut = join(root, 'libs', 'detection', 'test', 'fixtures', 'astronaut.jpg');

function detect(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: root },
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, lines: run.stdout.split('\n').filter(Boolean) };
}

describe('detect CLI (spawned)', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'argus-detect-'));
    copyFileSync(astronaut, join(folder, 'a.jpg'));
    copyFileSync(astronaut, join(folder, 'b.JPG'));
    writeFileSync(join(folder, 'notes.txt'), 'not an image');
    writeFileSync(join(folder, 'broken.png'), 'not a png either');
  });

  it('prints one JSON line per image of a folder and nothing else on stdout', () => {
    const { code, lines, stderr } = detect('--json', join(folder, 'a.jpg'), join(folder, 'b.JPG'));
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const result = JSON.parse(line);
      expect(Object.keys(result)).toEqual(['file', 'width', 'height', 'ms', 'faces']);
      expect(result).toMatchObject({ width: 320, height: 320 });
      expect(result.faces).toHaveLength(1);
      expect(Object.keys(result.faces[0])).toEqual(['x', 'y', 'width', 'height', 'score']);
    }
    expect(stderr).toBe('');
  }, 60_000);

  it('reports bad paths on stderr, exits non-zero, and still prints the good images', () => {
    const { code, lines, stderr } = detect('--json', folder, join(folder, 'missing.jpg'));
    expect(code).not.toBe(0);
    expect(lines.map((l) => JSON.parse(l).file)).toEqual([join(folder, 'a.jpg'), join(folder, 'b.JPG')]);
    expect(stderr).toMatch(/missing\.jpg: no such file/);
    expect(stderr).toMatch(/broken\.png: not a JPEG or PNG/);
  }, 60_000);

  it('applies --min-score', () => {
    const { code, lines } = detect('--json', '--min-score', '0.99', join(folder, 'a.jpg'));
    expect(code).toBe(0);
    expect(JSON.parse(lines[0]).faces).toEqual([]);
  }, 60_000);

  it('adds the objects found to each JSON line with --objects, in image pixels, and nothing else on stdout', () => {
    const { code, lines, stderr } = detect('--json', '--objects', join(folder, 'a.jpg'));
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]);
    expect(Object.keys(result)).toEqual(['file', 'width', 'height', 'ms', 'faces', 'objects']);
    expect(result.faces).toHaveLength(1);
    const person = result.objects.find((o: { label: string }) => o.label === 'person');
    expect(Object.keys(person)).toEqual(['label', 'x', 'y', 'width', 'height', 'score']);
    expect(person.height).toBeGreaterThan(160); // the astronaut fills most of the 320 × 320 picture
    expect(person.x + person.width).toBeLessThanOrEqual(320);
    expect(stderr).toBe('');
  }, 60_000);

  it('applies --object-min-score to objects only, and leaves objects out without --objects', () => {
    const strict = JSON.parse(detect('--json', '--objects', '--object-min-score', '0.99', join(folder, 'a.jpg')).lines[0]);
    expect(strict.objects).toEqual([]);
    expect(strict.faces).toHaveLength(1);
    const text = detect('--objects', join(folder, 'a.jpg'));
    expect(text.lines[0]).toMatch(/1 face\(s\), \d+ object\(s\)$/);
    expect(text.stdout).toMatch(/^ {2}person [\d.]+,[\d.]+ [\d.]+x[\d.]+ score 0\.\d+$/m);
  }, 60_000);

  it('refuses --object-min-score without --objects, or out of [0, 1]', () => {
    for (const args of [['--object-min-score', '0.5'], ['--objects', '--object-min-score', '2']]) {
      const { code, stdout, stderr } = detect('--json', ...args, astronaut);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/object-min-score/);
    }
  }, 60_000);

  it('rejects a bad option with usage on stderr and exit code 2', () => {
    const { code, stdout, stderr } = detect('--json', '--min-score', 'high', astronaut);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/usage:/);
  }, 60_000);
});
