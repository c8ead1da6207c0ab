import type { ApiQuery, ApiSchema } from '../api/api-types';

// The console's names for the API's "People" shapes, all taken from the generated OpenAPI types.

/** Someone Argus knows by name. `alert: false` is trusted (raises no alert), `true` watched (always alerts). */
export type Person = ApiSchema<'Person'>;

/** One page of `GET /api/people`, by name, with the total over all pages. */
export type PersonPage = ApiSchema<'PersonPage'>;

/** `GET /api/people?page=&limit=&q=` (`q`: part of the name, any case). */
export type PersonQuery = ApiQuery<'PeopleController_list'>;

/** `POST /api/people` (`alert` defaults to false: trusted). */
export type NewPerson = ApiSchema<'CreatePersonDto'>;

/** `PATCH /api/people/:id`. */
export type PersonChange = ApiSchema<'UpdatePersonDto'>;

/** An enrolled face; `imageUrl` is its crop, a link signed for the caller that expires. */
export type Face = ApiSchema<'Face'>;

/** Faces seen by cameras that match nobody, grouped per stranger; `number` names it "Unknown #n". */
export type UnknownGroup = ApiSchema<'UnknownGroup'>;

/** One page of `GET /api/unknowns`, most recently seen first. */
export type UnknownGroupPage = ApiSchema<'UnknownGroupPage'>;

/** `POST /api/unknowns/:id/assign`: join an existing person, or a new one by name (never both). */
export type UnknownAssignment = Required<Pick<ApiSchema<'AssignUnknownDto'>, 'personId'>> | Required<Pick<ApiSchema<'AssignUnknownDto'>, 'name'>>;

/** The person an alert's face matched, and how closely (cosine similarity; 1 when set by hand). */
export type AlertIdentity = ApiSchema<'AlertPerson'>;

/** One face found by `POST /api/recognize`: where it is, how sure the detector is, and who it matches (null: nobody known). */
export type RecognizedFace = ApiSchema<'RecognizedFace'>;

/** `POST /api/recognize`: every face in the photo, boxes in pixels of the image as analysed. */
export type Recognition = ApiSchema<'Recognition'>;

/** The last characters of an id: enough to tell groups apart when their number is not known. */
export function shortId(id: string): string {
  return id.slice(-6);
}

/** "Unknown #12", or "Unknown #a1b2c3" for a group known only by its id. */
export function unknownLabel(id: string, number?: number): string {
  return `Unknown #${number ?? shortId(id)}`;
}
