import type { CameraFences, FenceTake } from '@argus/domain';
import type { Connection } from 'mongoose';

interface FenceDocument {
  _id: string;
  token: number;
  owner: string;
  released: boolean;
}

/**
 * Fencing tokens in MongoDB (`camera_fences`, one document per camera): they outlive Redis, so a
 * Redis restarted empty can never hand out a token an old holder still uses. Taking one is a
 * single atomic increment.
 */
export class MongoCameraFences implements CameraFences {
  constructor(private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<FenceDocument>('camera_fences');
  }

  async take(cameraId: string, owner: string): Promise<FenceTake> {
    const before = await this.collection.findOneAndUpdate(
      { _id: cameraId },
      { $inc: { token: 1 }, $set: { owner, released: false } },
      { upsert: true, returnDocument: 'before' },
    );
    return {
      token: (before?.token ?? 0) + 1,
      previous: before ? { owner: before.owner, released: before.released } : null,
    };
  }

  async stale(held: ReadonlyArray<{ cameraId: string; token: number }>): Promise<string[]> {
    if (held.length === 0) return [];
    const docs = await this.collection.find({ _id: { $in: held.map((h) => h.cameraId) } }).toArray();
    const newest = new Map(docs.map((d) => [d._id, d.token]));
    return held.filter((h) => (newest.get(h.cameraId) ?? 0) > h.token).map((h) => h.cameraId);
  }

  async release(cameraId: string, token: number): Promise<void> {
    await this.collection.updateOne({ _id: cameraId, token }, { $set: { released: true } });
  }
}
