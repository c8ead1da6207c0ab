import type { BoundingBox } from '../../alerts/bounding-box';
import type { Frame } from '../../detection/face-detector';
import type { Principal } from '../../users/user';
import { requirePeopleManager } from '../people-access';
import type { AlertIdentity, Person } from '../person';
import type { PeopleDeps } from './people-deps';

export type RecognizeFacesDeps = Pick<PeopleDeps, 'people' | 'analyser' | 'matcher'>;

export interface RecognizedFace {
  box: BoundingBox;
  score: number;
  person: AlertIdentity | null;
}

export interface Recognition {
  width: number;
  height: number;
  faces: RecognizedFace[];
}

/** Every face of an image, each named when it matches an enrolled person. */
export class RecognizeFaces {
  constructor(private readonly deps: RecognizeFacesDeps) {}

  async recognize(principal: Principal, frame: Frame): Promise<Recognition> {
    requirePeopleManager(principal);
    const analysed = await this.deps.analyser.analyse(frame);
    const people = new Map<string, Person | null>();
    const faces: RecognizedFace[] = [];
    for (const face of analysed) {
      const match = this.deps.matcher.matchFace(face);
      let person: AlertIdentity | null = null;
      if (match) {
        if (!people.has(match.personId)) people.set(match.personId, await this.deps.people.findById(match.personId));
        const found = people.get(match.personId);
        if (found) person = { id: found.id, name: found.name, similarity: match.similarity };
      }
      faces.push({ box: { ...face.box }, score: face.score, person });
    }
    return { width: frame.width, height: frame.height, faces };
  }
}
