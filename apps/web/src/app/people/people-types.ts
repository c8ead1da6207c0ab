import type { ApiSchema } from '../api/api-types';

// These shapes mirror the API's Person, Face and UnknownGroup schemas (the "People" routes). They
// become aliases of the generated ones (`ApiSchema<'Person'>`…) once openapi.ts is regenerated
// from a server that serves those routes.

/** Someone Argus knows by name. `alert: false` is trusted (raises no alert), `true` watched (always alerts). */
export interface Person {
  id: string;
  name: string;
  alert: boolean;
  faceCount: number;
  createdAt: string;
  updatedAt: string;
}

/** One page of `GET /api/people`, with the total over all pages. */
export interface PersonPage {
  items: Person[];
  total: number;
  page: number;
  limit: number;
}

/** `GET /api/people?page=&limit=&q=` (`q` searches names). */
export interface PersonQuery {
  page?: number;
  limit?: number;
  q?: string;
}

/** `POST /api/people` (`alert` defaults to false: trusted). */
export interface NewPerson {
  name: string;
  alert?: boolean;
}

/** `PATCH /api/people/:id`. */
export type PersonChange = Partial<NewPerson>;

/** An enrolled face; `imageUrl` is its crop, a link signed for the caller. */
export interface Face {
  id: string;
  personId: string;
  box: ApiSchema<'BoundingBox'>;
  /** 0–1, how usable the face was when enrolled. */
  quality: number;
  imageUrl: string;
  createdAt: string;
}

/** Faces seen by cameras that match nobody, grouped per stranger; `number` names it "Unknown #n". */
export interface UnknownGroup {
  id: string;
  number?: number;
  faceCount: number;
  firstSeen: string;
  lastSeen: string;
  cameraIds: string[];
  /** Signed links to a few of the group's face crops. */
  sampleUrls: string[];
}

/** One page of `GET /api/unknowns`. */
export interface UnknownGroupPage {
  items: UnknownGroup[];
  total: number;
  page: number;
  limit: number;
}

/** `POST /api/unknowns/:id/assign`: join an existing person, or a new one by name. */
export type UnknownAssignment = { personId: string } | { name: string };

/** The person an alert's face matched, and how closely (0–1). */
export interface AlertIdentity {
  id: string;
  name: string;
  similarity: number;
}

/** One face found by `POST /api/recognize`: where it is, how sure the detector is, and who it matches (null: nobody known). */
export interface RecognizedFace {
  box: ApiSchema<'BoundingBox'>;
  score: number;
  person: AlertIdentity | null;
}

/** `POST /api/recognize`: every face in the photo, boxes in the photo's pixels. */
export interface Recognition {
  width: number;
  height: number;
  faces: RecognizedFace[];
}

/** The last characters of an id: enough to tell groups apart when they carry no number. */
export function shortId(id: string): string {
  return id.slice(-6);
}

/** "Unknown #12", or "Unknown #a1b2c3" for a group known only by its id. */
export function unknownLabel(id: string, number?: number): string {
  return `Unknown #${number ?? shortId(id)}`;
}
