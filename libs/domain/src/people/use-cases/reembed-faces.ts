import { centralFace } from '../enrolment';
import type { PeopleDeps } from './people-deps';

export type ReembedFacesDeps = Pick<PeopleDeps, 'people' | 'faces' | 'crops' | 'decoder' | 'analyser'>;

export interface ReembedReport {
  /** Faces that gained an embedding of the current model. */
  reembedded: number;
  /** Faces whose crop is gone or no longer shows a usable face: they do not take part in matching. */
  skipped: number;
  /** Faces whose crop could not be read now (the media store away): tried again at the next start. */
  deferred: number;
}

const PAGE = 100;

/**
 * After a change of recognition model: every enrolled face without an embedding of the analyser's
 * model gets one, computed from its stored crop (the crop was cut around the face, so the face
 * over its centre is the one). Embeddings of other models stay, so going back needs no work.
 */
export class ReembedFaces {
  constructor(private readonly deps: ReembedFacesDeps) {}

  async execute(): Promise<ReembedReport> {
    const model = this.deps.analyser.model;
    const report: ReembedReport = { reembedded: 0, skipped: 0, deferred: 0 };
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.deps.people.list({ offset, limit: PAGE });
      for (const person of page.items) {
        for (const face of await this.deps.faces.listByPerson(person.id)) {
          if (face.embeddings.some((e) => e.model === model)) continue;
          let embedding;
          try {
            embedding = await this.embed(face.imageKey);
          } catch {
            // A start-up must not fail on it; the face simply waits for the next start.
            report.deferred++;
            continue;
          }
          if (!embedding) {
            report.skipped++;
            continue;
          }
          await this.deps.faces.setEmbedding(face.id, embedding);
          report.reembedded++;
        }
      }
      if (offset + PAGE >= page.total) return report;
    }
  }

  private async embed(imageKey: string) {
    const image = await this.deps.crops.read(imageKey);
    if (!image) return null;
    const frame = await this.deps.decoder.decode(image);
    const face = centralFace(await this.deps.analyser.analyse(frame), frame);
    return face && !face.quality.rejection ? (face.embedding ?? null) : null;
  }
}
