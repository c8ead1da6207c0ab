import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import type { MediaStore } from '@argus/domain';
import { FileMediaStore, S3Bucket, S3MediaStore, moveLegacySnapshots } from '@argus/adapters';
import { ARGUS_CONFIG, type ArgusConfig } from '@argus/config';
import { MEDIA_STORE } from './media-store.token';

/** `MEDIA_STORE=file`: objects under `DATA_DIR/media`; S3 keeps its spool in `DATA_DIR/media-spool`. */
export const mediaRoot = (config: ArgusConfig) => join(config.dataDir, 'media');
export const mediaSpoolDir = (config: ArgusConfig) => join(config.dataDir, 'media-spool');

async function openMediaStore(config: ArgusConfig): Promise<MediaStore> {
  const logger = new Logger('MediaStore');
  const settings = config.mediaStore;
  if (settings.kind === 'file') {
    const moved = await moveLegacySnapshots(config.dataDir, mediaRoot(config));
    if (moved > 0) logger.log(`moved ${moved} snapshot(s) from ${join(config.dataDir, 'snapshots')} to ${join(mediaRoot(config), 'snapshots')}`);
    return new FileMediaStore(mediaRoot(config));
  }
  const bucket = new S3Bucket(settings);
  const store = await S3MediaStore.open(bucket, mediaSpoolDir(config), {
    onStateChange: ({ up, spooled, detail }) =>
      up ? logger.log(`${bucket.describe()} reachable again: the spool is uploaded`) : logger.warn(`${bucket.describe()} unreachable (${detail}); ${spooled} object(s) wait in the spool`),
  });
  const status = store.status();
  // A wrong bucket, key or address is logged as soon as the background check fails; Argus spools meanwhile.
  logger.log(`media in ${bucket.describe()}${status.kind === 's3' && status.spooled ? `, ${status.spooled} object(s) waiting in the spool` : ''}`);
  return store;
}

/** Stops the spool's uploads on shutdown (what waits stays on disk for the next start). */
class MediaStoreShutdown implements OnApplicationShutdown {
  constructor(@Inject(MEDIA_STORE) private readonly store: MediaStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** The one media store of the process, for snapshots, face crops and clips. */
@Global()
@Module({
  providers: [{ provide: MEDIA_STORE, useFactory: openMediaStore, inject: [ARGUS_CONFIG] }, MediaStoreShutdown],
  exports: [MEDIA_STORE],
})
export class MediaStoreModule {}
