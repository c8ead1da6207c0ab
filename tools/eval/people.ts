// `npm run eval:people -- DIR [--json FILE]`: the recognition engine on the identities development
// set (identities.json, groups.json): verification on the pairs, identification with the first two
// photos of each person enrolled, distractors, unknown grouping and the group photo.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_RECOGNITION_MARGIN, DEFAULT_RECOGNITION_THRESHOLD, DEFAULT_UNKNOWN_GROUP_THRESHOLD } from '@argus/domain';
import { createFaceDetector, FaceApiEmbedder, LocalFaceAnalyser } from '@argus/detection';
import { routeConsoleToStderr } from '../detect/stdout-guard';
import { embedPhotos, loadPeopleDataset, readPhoto, subjectPhotos, type PeopleDataset, type PhotoResult } from './people-dataset';
import { decide, identification, rank1, rankPeople, similarity, tarAtFar } from './people-metrics';
import { buildProbes, pairScores } from './people-report';

const THRESHOLDS = [0.92, 0.93, 0.935, 0.94, 0.945, 0.95];
const MARGINS = [0, 0.005, 0.01];
const GROUP_THRESHOLDS = [0.92, 0.93, 0.94, 0.95];
const pct = (v: number) => (v * 100).toFixed(1) + ' %';

function verification(dataset: PeopleDataset, photos: Map<string, PhotoResult>): string[] {
  const { genuine, impostor } = pairScores(dataset, photos);
  const at1 = tarAtFar(genuine, impostor, 0.01);
  const at01 = tarAtFar(genuine, impostor, 0.001);
  return [
    `## Verification (${genuine.length} same-person, ${impostor.length} different-person pairs)`,
    '',
    `- TAR at FAR 1 %: ${pct(at1.tar)} (similarity > ${at1.threshold.toFixed(3)})`,
    `- TAR at FAR 0.1 %: ${pct(at01.tar)} (similarity > ${at01.threshold.toFixed(3)})`,
  ];
}

function identificationTable(dataset: PeopleDataset, photos: Map<string, PhotoResult>): string[] {
  const { probes } = buildProbes(dataset, photos);
  const known = probes.filter((p) => p.truth !== null).length;
  const chosen = identification(probes, DEFAULT_RECOGNITION_THRESHOLD, DEFAULT_RECOGNITION_MARGIN);
  const rows = MARGINS.flatMap((m) => THRESHOLDS.map((t) => identification(probes, t, m)));
  return [
    `## Identification (2 photos enrolled per person; ${known} other gallery photos, ${probes.length - known} distractor photos)`,
    '',
    `- rank-1 (top person right, no threshold; no usable face = miss): ${pct(rank1(probes))}`,
    `- at threshold ${DEFAULT_RECOGNITION_THRESHOLD}, margin ${DEFAULT_RECOGNITION_MARGIN}: named ${pct(chosen.named)}, ` +
      `wrong names ${pct(chosen.wrongNames)}, distractors rejected ${pct(chosen.distractorsRejected)}`,
    '',
    '| threshold | margin | named correctly | wrong name | distractors rejected |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.threshold} | ${r.margin} | ${pct(r.named)} | ${pct(r.wrongNames)} | ${pct(r.distractorsRejected)} |`),
  ];
}

/** Unknown grouping: distractor people with two photos should join; different distractors should not. */
function grouping(dataset: PeopleDataset, photos: Map<string, PhotoResult>): string[] {
  const vec = (f: string) => photos.get(f)?.vector ?? null;
  const owner = new Map<string, string>();
  for (const p of dataset.distractorPeople) for (const f of p.images) owner.set(f, p.slug);
  const same: number[] = [];
  const different: number[] = [];
  const files = dataset.distractors;
  for (let i = 0; i < files.length; i++) {
    for (let j = i + 1; j < files.length; j++) {
      const a = owner.get(files[i]);
      const s = similarity(vec(files[i]), vec(files[j]));
      if (a !== undefined && a === owner.get(files[j])) same.push(s);
      else different.push(s);
    }
  }
  const share = (xs: number[], t: number) => xs.filter((s) => s >= t).length / Math.max(1, xs.length);
  const thresholds = [...new Set([...GROUP_THRESHOLDS, DEFAULT_UNKNOWN_GROUP_THRESHOLD])].sort();
  return [
    `## Unknown grouping (distractors: ${same.length} same-person pairs, ${different.length} different-person pairs; ` +
      `default ${DEFAULT_UNKNOWN_GROUP_THRESHOLD})`,
    '',
    '| threshold | same person joins | different people join |',
    '|---|---|---|',
    ...thresholds.map((t) => `| ${t} | ${pct(share(same, t))} | ${pct(share(different, t))} |`),
  ];
}

async function groupPhotos(dataset: PeopleDataset, photos: Map<string, PhotoResult>, analyser: LocalFaceAnalyser): Promise<string[]> {
  const { gallery } = buildProbes(dataset, photos);
  const names = new Map(dataset.identities.map((i) => [i.slug, i.name]));
  const lines = ['## Group photos', ''];
  for (const group of dataset.groups) {
    const faces = await analyser.analyse(await readPhoto(join(dataset.dir, group.file)));
    const found = faces.map((f) => {
      if (!f.embedding) return `face at x ${Math.round(f.box.x)}: ${f.quality.rejection ?? 'no embedding'}`;
      const ranked = rankPeople(Float32Array.from(f.embedding.vector), gallery);
      const who = decide(ranked, DEFAULT_RECOGNITION_THRESHOLD, DEFAULT_RECOGNITION_MARGIN);
      return `face at x ${Math.round(f.box.x)}: ${who ? names.get(who) : 'unknown'} (best ${names.get(ranked[0].person)} ${ranked[0].similarity.toFixed(3)})`;
    });
    const expected = group.identities.map((s) => names.get(s)).join(', ');
    lines.push(`- ${group.file} (expected: ${expected} named, ${group.distractorPeople.length} unknown): ${found.join('; ')}`);
  }
  return lines;
}

function gateSummary(photos: Map<string, PhotoResult>): string {
  const all = [...photos.values()];
  const count = (reason: string) => all.filter((p) => p.face?.quality.rejection === reason).length;
  const ms = all.map((p) => p.ms).sort((a, b) => a - b);
  return (
    `${all.length} single-subject photos: no face found ${all.filter((p) => !p.face).length}, too small ${count('too-small')}, ` +
    `too blurred ${count('too-blurred')}, turned away ${count('turned-away')}; median ${ms[Math.floor(ms.length / 2)].toFixed(0)} ms per photo`
  );
}

async function main(argv: string[]): Promise<void> {
  routeConsoleToStderr();
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'string' }, 'no-mirror': { type: 'boolean' } } });
  if (positionals.length !== 1) {
    process.stderr.write('usage: npm run eval:people -- DIR [--json FILE] [--no-mirror]   (DIR holds identities.json)\n');
    process.exitCode = 2;
    return;
  }
  const dataset = loadPeopleDataset(positionals[0]);
  const embedder = await FaceApiEmbedder.load(undefined, undefined, values['no-mirror'] !== true);
  const analyser = new LocalFaceAnalyser(await createFaceDetector(), embedder);
  const files = subjectPhotos(dataset);
  const photos = await embedPhotos(dataset, files, analyser, (n) => {
    if (n % 50 === 0) process.stderr.write(`eval:people: ${n}/${files.length} photos\n`);
  });
  const lines = [
    `Model ${analyser.model}. ${gateSummary(photos)}`,
    '',
    ...verification(dataset, photos),
    '',
    ...identificationTable(dataset, photos),
    '',
    ...grouping(dataset, photos),
    '',
    ...(await groupPhotos(dataset, photos, analyser)),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (values.json) {
    const out = Object.fromEntries([...photos].map(([f, p]) => [f, { box: p.face?.box, quality: p.face?.quality, ms: p.ms }]));
    writeFileSync(values.json, JSON.stringify(out, null, 2) + '\n');
  }
  await analyser.close();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`eval:people: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
