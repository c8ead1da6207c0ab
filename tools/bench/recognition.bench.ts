// Recognition benchmark: ms per face through the DetectionPool's analyse task (detect + align +
// grade + embed) with 1 and 2 threads, the embedding alone in process, brute-force matching
// against 10,000 enrolled embeddings, `POST /api/recognize` on the running server, and the camera
// pipeline's CPU with recognition on and off.
// Usage: npm run bench -- recognition   (RECOGNITION_BENCH_CAMERAS=4,16  PIPELINE_SECONDS=20)
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { createFaceDetector, DetectionPool, DetectionQueueFullError, FaceApiEmbedder, FACE_API_TEMPLATE, alignFace, eyesFromKeypoints } from '@argus/detection';
import { ensureClips, ensureVisitsClip, startCameraSimulator } from '../camera-sim';
import { readImageFile } from '../detect/image-file';
import { percentile, printTable, recordResults } from './results';
import { api, connectSocket, startArgus } from './support/argus-server';
import { measurePipeline, type PipelineSample } from './support/pipeline-measure';

const ASTRONAUT = 'libs/detection/test/fixtures/astronaut.jpg';
const POOL_SECONDS = 6;
const ENROLLED = 10_000;
const RECOGNIZE_REQUESTS = 40;
const CAMERA_COUNTS = (process.env['RECOGNITION_BENCH_CAMERAS'] ?? '4,16').split(',').map(Number);
const PIPELINE_SECONDS = Number(process.env['PIPELINE_SECONDS'] ?? 20);
const round = (v: number) => Math.round(v * 10) / 10;

/** The embedding network alone (aligned 150×150 crop in, vector out), on this thread. */
async function embeddingInProcess() {
  const frame = readImageFile(ASTRONAUT);
  const detector = await createFaceDetector();
  const [face] = await detector.detectWithKeypoints(frame);
  const { left, right } = eyesFromKeypoints(face.keypoints);
  const embedder = await FaceApiEmbedder.load();
  const alignMs: number[] = [];
  const embedMs: number[] = [];
  for (let i = 0; i < 25; i++) {
    let t = performance.now();
    const crop = alignFace(frame, left, right, FACE_API_TEMPLATE);
    alignMs.push(performance.now() - t);
    t = performance.now();
    await embedder.embed(crop);
    if (i >= 3) embedMs.push(performance.now() - t); // the first runs compile and allocate
  }
  await detector.close();
  return { align_p50_ms: round(percentile(alignMs, 50)), embed_p50_ms: round(percentile(embedMs, 50)), embed_p95_ms: round(percentile(embedMs, 95)) };
}

/** Keeps the pool's analyse queue full for POOL_SECONDS with one-face frames. */
async function poolThroughput(threads: number) {
  const template = readImageFile(ASTRONAUT);
  const pool = await DetectionPool.start({ threads, maxQueue: threads * 2 });
  const analyser = pool.faceAnalyser();
  await Promise.all(Array.from({ length: threads }, () => analyser.analyse({ ...template, data: template.data.slice() }))); // loads the model
  let faces = 0;
  let dropped = 0;
  const latency: number[] = [];
  const until = performance.now() + POOL_SECONDS * 1000;
  const submitter = async () => {
    while (performance.now() < until) {
      const t = performance.now();
      try {
        faces += (await analyser.analyse({ ...template, data: template.data.slice() })).filter((f) => f.embedding).length;
        latency.push(performance.now() - t);
      } catch (error) {
        if (!(error instanceof DetectionQueueFullError)) throw error;
        dropped++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: threads * 2 }, submitter));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return {
    threads,
    faces_per_s: round(faces / seconds),
    ms_per_face: round((seconds * 1000) / faces),
    latency_p50_ms: round(percentile(latency, 50)),
    dropped,
  };
}

/** Brute-force cosine (dot products of L2-normalised vectors) over a flat Float32Array, best per person. */
function matching(dim: number) {
  const people = ENROLLED / 5;
  const gallery = new Float32Array(ENROLLED * dim);
  for (let i = 0; i < gallery.length; i++) gallery[i] = Math.random() - 0.5;
  const probe = new Float32Array(dim).map(() => Math.random() - 0.5);
  const bestPerPerson = new Float32Array(people);
  const ms: number[] = [];
  for (let run = 0; run < 200; run++) {
    const t = performance.now();
    bestPerPerson.fill(-1);
    for (let e = 0; e < ENROLLED; e++) {
      let dot = 0;
      const base = e * dim;
      for (let k = 0; k < dim; k++) dot += gallery[base + k] * probe[k];
      const person = e % people;
      if (dot > bestPerPerson[person]) bestPerPerson[person] = dot;
    }
    ms.push(performance.now() - t);
  }
  return { enrolled: ENROLLED, people, dim, p50_ms: Number(percentile(ms, 50).toFixed(2)), p95_ms: Number(percentile(ms, 95).toFixed(2)) };
}

/** `POST /api/recognize` with a one-face photo, one request at a time, one person enrolled. */
async function recognizeApi() {
  const server = await startArgus(4620, { WEB_ROOT: '' });
  try {
    const photo = readFileSync(ASTRONAUT);
    const person = await api<{ id: string }>(server, 'POST', '/api/people', { name: 'Bench person' });
    const post = (path: string) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'image/jpeg' }, body: photo });
    if (!(await post(`/api/people/${person.id}/faces`)).ok) throw new Error('could not enrol the benchmark face');
    const ms: number[] = [];
    for (let i = 0; i < RECOGNIZE_REQUESTS + 3; i++) {
      const t = performance.now();
      const res = await post('/api/recognize');
      const body = (await res.json()) as { faces: Array<{ person: { id: string } | null }> };
      if (!res.ok || body.faces[0]?.person?.id !== person.id) throw new Error(`recognize answered ${res.status} ${JSON.stringify(body)}`);
      if (i >= 3) ms.push(performance.now() - t); // the first requests warm the model up
    }
    return { requests: ms.length, p50_ms: round(percentile(ms, 50)), p95_ms: round(percentile(ms, 95)) };
  } finally {
    await server.stop();
  }
}

/**
 * The camera pipeline on the simulator's coming-and-going face, once with RECOGNITION=off and once
 * on (no cooldowns, so each new track alerts and, with recognition, is analysed).
 */
async function pipelineOnOff() {
  const visits = await ensureVisitsClip('tmp/camera-sim-clips', await ensureClips('tmp/camera-sim-clips'));
  const paths = Object.fromEntries(Array.from({ length: Math.max(...CAMERA_COUNTS) }, (_, i) => [`cam${i}`, { clip: visits }]));
  const sim = await startCameraSimulator({ paths });
  const rows: Array<{ recognition: string } & PipelineSample> = [];
  try {
    for (const recognition of ['off', 'on']) {
      const server = await startArgus(4621, { WEB_ROOT: '', RECOGNITION: recognition, ALERT_COOLDOWN_S: '0', IDENTITY_COOLDOWN_S: '0' });
      const socket = await connectSocket(server);
      try {
        for (const n of CAMERA_COUNTS) {
          const urls = Array.from({ length: n }, (_, i) => sim.url(`cam${i}`));
          rows.push({ recognition, ...(await measurePipeline(server, socket, urls, PIPELINE_SECONDS)) });
          await new Promise((r) => setTimeout(r, 3000));
        }
      } finally {
        socket.close();
        await server.stop();
      }
    }
  } finally {
    await sim.stop();
  }
  const added = CAMERA_COUNTS.map((cameras) => {
    const cpu = (mode: string) => rows.find((r) => r.cameras === cameras && r.recognition === mode)?.cpuPctPerCamera ?? NaN;
    return { cameras, cpuPctPerCameraOff: cpu('off'), cpuPctPerCameraOn: cpu('on'), addedPct: round(((cpu('on') - cpu('off')) / cpu('off')) * 100) };
  });
  return { rows, added };
}

async function main(): Promise<void> {
  const inProcess = await embeddingInProcess();
  printTable('Embedding in process (face-api ResNet-34, 150x150 crop + mirrored crop)', [inProcess]);
  const pool = [];
  for (const threads of [1, 2]) pool.push(await poolThroughput(threads));
  printTable(`DetectionPool analyse task, one face per 320x320 frame, ${POOL_SECONDS} s saturated per row (${availableParallelism()} cores)`, pool);
  const match = matching(128);
  printTable(`Matching one face against ${ENROLLED} enrolled embeddings (brute force)`, [match]);
  const recognize = await recognizeApi();
  printTable('POST /api/recognize, one-face photo, one request at a time (ms)', [recognize]);
  const pipeline = await pipelineOnOff();
  printTable(`Camera pipeline with recognition off and on (10 fps per camera, ${PIPELINE_SECONDS} s window)`, pipeline.rows as never);
  printTable('CPU that recognition adds to the pipeline (% of one core per camera)', pipeline.added);
  // Other work on the machine skews the pool rows: the load average says how busy the cores were.
  const load = round(loadavg()[0]);
  process.stdout.write(`\nload average (1 min) at the end: ${load} on ${availableParallelism()} cores\n`);
  recordResults('recognition', { cores: availableParallelism(), loadAverage: load, inProcess, pool, matching: match, recognize, pipeline });
}

main().catch((error: unknown) => {
  process.stderr.write(`recognition bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
