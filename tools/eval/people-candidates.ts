// Compares embedding candidates on the identities development set: verification TAR at FAR 1 % /
// 0.1 % on the pairs and rank-1 with two enrolled photos per person.
// `node --import tsx tools/eval/people-candidates.ts ../shared/data/identities [faceres|face-api] [eyeY,eyeDistance ...]`
import { createFaceDetector, FaceApiEmbedder, LocalFaceAnalyser, type EmbeddingModel } from '@argus/detection';
import { FaceresEmbedder } from './faceres-embedder';
import { routeConsoleToStderr } from '../detect/stdout-guard';
import { embedPhotos, loadPeopleDataset, subjectPhotos } from './people-dataset';
import { verificationAndRank1 } from './people-report';

async function main(argv: string[]): Promise<void> {
  routeConsoleToStderr();
  const [dir, which = 'faceres', ...templates] = argv;
  if (!dir) throw new Error('usage: people-candidates.ts DIR [faceres|face-api] [eyeY,eyeDistance ...]');
  const dataset = loadPeopleDataset(dir);
  const files = subjectPhotos(dataset);
  const detector = await createFaceDetector();
  for (const t of templates.length > 0 ? templates : ['default']) {
    let embedder: EmbeddingModel = which === 'face-api' ? await FaceApiEmbedder.load() : await FaceresEmbedder.load();
    if (t !== 'default') {
      const [eyeY, eyeDistance] = t.split(',').map(Number);
      const template = { ...embedder.template, eyeY, eyeDistance };
      embedder = which === 'face-api' ? await FaceApiEmbedder.load(undefined, template) : await FaceresEmbedder.load(undefined, template);
    }
    const analyser = new LocalFaceAnalyser(detector, embedder);
    const photos = await embedPhotos(dataset, files, analyser);
    const r = verificationAndRank1(dataset, photos);
    const ms = [...photos.values()].map((p) => p.ms).sort((a, b) => a - b)[Math.floor(photos.size / 2)];
    process.stdout.write(
      `${embedder.name} eyeY ${embedder.template.eyeY} eyeDistance ${embedder.template.eyeDistance}: ` +
        `TAR@FAR1% ${r.tar1.toFixed(3)} TAR@FAR0.1% ${r.tar01.toFixed(3)} rank-1 ${r.rank1.toFixed(3)} ` +
        `no face ${r.noFace} median ms/photo ${ms.toFixed(0)}\n`,
    );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`people-candidates: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
