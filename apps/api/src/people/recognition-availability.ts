import { UnavailableError, type AnalysedFace, type FaceAnalyser } from '@argus/domain';

export const RECOGNITION_UNAVAILABLE = 'Recognition is not available (RECOGNITION=off, or no face analyser in this process)';

/** Whether faces can be analysed here; the routes that need it answer 503 before reading an upload when not. */
export class RecognitionAvailability {
  constructor(readonly analyser: FaceAnalyser | null) {}

  get available(): boolean {
    return this.analyser !== null;
  }

  require(): void {
    if (!this.analyser) throw new UnavailableError(RECOGNITION_UNAVAILABLE);
  }

  /** What the use cases are given: the analyser, or one that answers every request with the 503 above. */
  analyserOrRefusal(): FaceAnalyser {
    return this.analyser ?? new RefusingFaceAnalyser();
  }
}

/** Stands where no analyser is: every call is refused as unavailable (never an empty result). */
class RefusingFaceAnalyser implements FaceAnalyser {
  readonly model = 'unavailable';

  async analyse(): Promise<AnalysedFace[]> {
    throw new UnavailableError(RECOGNITION_UNAVAILABLE);
  }
}
