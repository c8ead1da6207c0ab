/** Someone Argus knows by name. */
export interface Person {
  id: string;
  name: string;
  /** false: trusted (seeing them raises no alert); true: watched (seeing them always alerts). */
  alert: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface PersonView {
  id: string;
  name: string;
  alert: boolean;
  faceCount: number;
  createdAt: string;
  updatedAt: string;
}

/** The identity an alert names: a person and how close the match was. */
export interface AlertIdentity {
  id: string;
  name: string;
  similarity: number;
}
