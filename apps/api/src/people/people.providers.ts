import { Inject, Injectable, Logger, type OnApplicationBootstrap, type Provider } from '@nestjs/common';
import {
  CorrectAlertIdentity,
  DEFAULT_RECOGNITION_MARGIN,
  DEFAULT_RECOGNITION_THRESHOLD,
  DEFAULT_UNKNOWN_GROUP_THRESHOLD,
  FaceMatcher,
  IdentityCooldown,
  ManagePeople,
  PersonFaces,
  RecognizeFaces,
  ReembedFaces,
  UnknownGrouper,
  UnknownGroups,
  type AlertRepository,
  type CameraRepository,
  type Clock,
  type FaceAnalyser,
  type FaceImageStore,
  type FaceRepository,
  type IdGenerator,
  type MediaStore,
  type ImageDecoder,
  type PeopleDeps,
  type PersonRepository,
  type SnapshotStore,
  type UnknownGroupRepository,
} from '@argus/domain';
import { FaceImageLinks, MediaFaceImageStore, SharpImageDecoder, SocketIoRealtimePublisher } from '@argus/adapters';
import { ARGUS_SECRETS, type ArgusConfig, type ArgusSecrets } from '@argus/config';
import { ALERT_REPOSITORY, CAMERA_REPOSITORY, FACE_REPOSITORY, PERSON_REPOSITORY, UNKNOWN_GROUP_REPOSITORY } from '../persistence/tokens';
import { MEDIA_STORE } from '../media-store/media-store.token';
import { SNAPSHOT_STORE } from '../snapshots/snapshot-store.token';
import { FACE_ANALYSER, FACE_IMAGE_STORE, IMAGE_DECODER, PEOPLE_DEPS } from './people.tokens';
import { RecognitionAvailability } from './recognition-availability';
import { CLUSTER_PEOPLE } from '../cluster/cluster.tokens';
import type { ClusterPeople } from '../cluster/cluster.providers';


/**
 * At start-up: gives enrolled faces of an older model an embedding of the analyser's (from their
 * crops), then loads the enrolled faces and unknown groups of that model into memory.
 */
@Injectable()
export class RecognitionIndex implements OnApplicationBootstrap {
  private readonly logger = new Logger('Recognition');

  constructor(
    private readonly availability: RecognitionAvailability,
    private readonly matcher: FaceMatcher,
    private readonly grouper: UnknownGrouper,
    @Inject(FACE_REPOSITORY) private readonly faces: FaceRepository,
    @Inject(PEOPLE_DEPS) private readonly deps: PeopleDeps,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const analyser = this.availability.analyser;
    if (!analyser) return;
    const { reembedded, skipped, deferred } = await new ReembedFaces({ ...this.deps, analyser }).execute();
    if (reembedded + skipped > 0) this.logger.log(`${reembedded} face(s) embedded again for ${analyser.model}; ${skipped} crop(s) no longer usable`);
    if (deferred > 0) this.logger.warn(`${deferred} face crop(s) could not be read to embed them for ${analyser.model}; tried again at the next start`);
    await Promise.all([this.matcher.load(this.faces, analyser.model), this.grouper.load(analyser.model)]);
    this.logger.log(`recognition on (${analyser.model}): ${this.matcher.size(analyser.model)} enrolled face(s)`);
  }
}

const useCase = <T>(token: new (deps: never) => T, make: (deps: PeopleDeps) => T): Provider => ({
  provide: token,
  useFactory: make,
  inject: [PEOPLE_DEPS],
});

/** People, faces, unknown groups and recognition, wired to the adapters. */
export function peopleProviders(config: ArgusConfig, tokens: { clock: symbol; ids: symbol }): Provider[] {
  // RECOGNITION_THRESHOLD moves matching only; grouping strangers keeps its own, stricter default.
  const threshold = config.recognitionThreshold ?? DEFAULT_RECOGNITION_THRESHOLD;
  return [
    { provide: IMAGE_DECODER, useFactory: () => new SharpImageDecoder() },
    { provide: FACE_IMAGE_STORE, useFactory: (media: MediaStore) => new MediaFaceImageStore(media), inject: [MEDIA_STORE] },
    { provide: FaceImageLinks, useFactory: (secrets: ArgusSecrets) => new FaceImageLinks(secrets.jwtSecret), inject: [ARGUS_SECRETS] },
    {
      provide: RecognitionAvailability,
      useFactory: (analyser: FaceAnalyser | null) => new RecognitionAvailability(config.recognition ? analyser : null),
      inject: [FACE_ANALYSER],
    },
    {
      // One for every camera: a person or unknown group alerts once per IDENTITY_COOLDOWN_S anywhere.
      provide: IdentityCooldown,
      // In a cluster, every worker hears the identities the others alerted for (ClusterModule).
      useFactory: (clock: Clock, cluster: ClusterPeople | null) =>
        cluster ? cluster.cooldown(clock, config.identityCooldownMs) : new IdentityCooldown(clock, config.identityCooldownMs),
      inject: [tokens.clock, CLUSTER_PEOPLE],
    },
    { provide: FaceMatcher, useFactory: () => new FaceMatcher({ threshold, margin: DEFAULT_RECOGNITION_MARGIN }) },
    {
      provide: UnknownGrouper,
      useFactory: (groups: UnknownGroupRepository, crops: FaceImageStore, ids: IdGenerator) => new UnknownGrouper({ groups, crops, ids, threshold: DEFAULT_UNKNOWN_GROUP_THRESHOLD }),
      inject: [UNKNOWN_GROUP_REPOSITORY, FACE_IMAGE_STORE, tokens.ids],
    },
    {
      provide: PEOPLE_DEPS,
      useFactory: (
        people: PersonRepository,
        faces: FaceRepository,
        unknowns: UnknownGroupRepository,
        alerts: AlertRepository,
        cameras: CameraRepository,
        availability: RecognitionAvailability,
        matcher: FaceMatcher,
        grouper: UnknownGrouper,
        crops: FaceImageStore,
        snapshots: SnapshotStore,
        decoder: ImageDecoder,
        clock: Clock,
        ids: IdGenerator,
        publisher: SocketIoRealtimePublisher,
        cooldown: IdentityCooldown,
      ): PeopleDeps => ({
        people, faces, unknowns, alerts, cameras, analyser: availability.analyserOrRefusal(), matcher, grouper, crops, snapshots, decoder, clock, ids,
        publisher, cooldown,
      }),
      inject: [
        PERSON_REPOSITORY, FACE_REPOSITORY, UNKNOWN_GROUP_REPOSITORY, ALERT_REPOSITORY, CAMERA_REPOSITORY, RecognitionAvailability,
        FaceMatcher, UnknownGrouper, FACE_IMAGE_STORE, SNAPSHOT_STORE, IMAGE_DECODER, tokens.clock, tokens.ids,
        SocketIoRealtimePublisher, IdentityCooldown,
      ],
    },
    useCase(ManagePeople, (d) => new ManagePeople(d)),
    useCase(PersonFaces, (d) => new PersonFaces(d)),
    useCase(RecognizeFaces, (d) => new RecognizeFaces(d)),
    useCase(UnknownGroups, (d) => new UnknownGroups(d)),
    useCase(CorrectAlertIdentity, (d) => new CorrectAlertIdentity(d)),
    RecognitionIndex,
  ];
}
