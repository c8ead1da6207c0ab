import type { Provider } from '@nestjs/common';
import { SnapshotLinks } from '@argus/adapters';
import { ARGUS_SECRETS, type ArgusSecrets } from '@argus/config';

/** Snapshot links are signed with a key derived from the JWT secret (rotating it revokes them too). */
export const snapshotLinksProvider: Provider = {
  provide: SnapshotLinks,
  useFactory: (secrets: ArgusSecrets) => new SnapshotLinks(secrets.jwtSecret),
  inject: [ARGUS_SECRETS],
};
