import { createHmac } from 'node:crypto';

/**
 * The MediaMTX publisher password of a cluster: every worker publishes and the api node checks
 * (MediaMTX's auth hook), so it comes from the secret they all share instead of each DATA_DIR.
 */
export function clusterPublisherSecret(jwtSecret: string): string {
  return createHmac('sha256', jwtSecret).update('argus mediamtx publisher').digest('base64url');
}
