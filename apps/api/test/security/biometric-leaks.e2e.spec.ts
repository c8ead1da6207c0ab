import type { Response } from 'supertest';
import { SharpImageDecoder } from '@argus/adapters';
import { bearer, startTestApp, type TestApp } from '../../src/testing/test-app';
import { BLUE, ColourPatchAnalyser, RED, colourPhoto, portrait } from '../support/colour-faces';
import { aCamera, anAlertWithSnapshot, anUnknownSighting } from '../support/people-world';

/**
 * Face embeddings are biometric data: no answer and no log line (pino at trace level, every line
 * captured) ever carries one, whatever route a face went through.
 */
describe('embeddings never in answers or logs', () => {
  const log: string[] = [];
  const answers: Response[] = [];
  const analyser = new ColourPatchAnalyser();
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'trace' }, { faceAnalyser: analyser, logStream: { write: (line: string) => void log.push(line) } });
  });
  afterAll(() => t?.close());

  /** The components of the embeddings the analyser gives for these colours, as JSON would write them. */
  async function embeddingNumbers(): Promise<string[]> {
    const frame = await new SharpImageDecoder().decode(await colourPhoto(400, 240, [{ x: 10, y: 10, size: 100, colour: RED }, { x: 200, y: 10, size: 100, colour: BLUE }]));
    const faces = await analyser.analyse(frame);
    return faces.flatMap((f) => f.embedding?.vector ?? []).map((v) => String(v).slice(0, 8));
  }

  it('goes through enrolment, recognition, unknown faces and identity corrections', async () => {
    const admin = bearer(t.adminToken);
    const keep = (res: Response) => (answers.push(res), res);
    const person = keep(await t.http().post('/api/people').set(admin).send({ name: 'Biometric' })).body;
    keep(await t.http().post(`/api/people/${person.id}/faces`).set(admin).set('Content-Type', 'image/png').send(await portrait(RED)));
    keep(await t.http().get(`/api/people/${person.id}/faces`).set(admin));
    keep(await t.http().post('/api/recognize').set(admin).set('Content-Type', 'image/png').send(await colourPhoto(400, 240, [{ x: 10, y: 10, size: 100, colour: RED }, { x: 200, y: 10, size: 100, colour: BLUE }])));
    const cameraId = await aCamera(t);
    const group = await anUnknownSighting(t, analyser, cameraId, BLUE);
    keep(await t.http().get('/api/unknowns').set(admin));
    const alertId = await anAlertWithSnapshot(t, cameraId, { x: 20, y: 20, size: 100, colour: BLUE });
    keep(await t.http().post(`/api/alerts/${alertId}/identity`).set(admin).send({ personId: person.id }));
    keep(await t.http().get('/api/alerts').set(admin));
    keep(await t.http().post(`/api/unknowns/${group}/assign`).set(admin).send({ personId: person.id }));
    keep(await t.http().get(`/api/people/${person.id}`).set(admin));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 200, 200, 200, 200, 200, 200, 200]);

    const numbers = await embeddingNumbers();
    expect(numbers.length).toBeGreaterThan(0);
    expect(log.length).toBeGreaterThan(0);
    for (const text of [...answers.map((r) => JSON.stringify(r.body)), ...log]) {
      expect(text).not.toMatch(/embedding|vector/i);
      for (const n of numbers) expect(text).not.toContain(n);
    }
  });
});
