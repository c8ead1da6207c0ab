import type { CameraRepository } from '../../cameras/camera-repository';
import type { PersonRepository } from '../../people/people-repositories';
import type { Clock } from '../../shared/clock';
import { NotFoundError, ValidationError } from '../../shared/errors';
import type { IdGenerator } from '../../shared/id-generator';
import { MAX_URL_LENGTH } from '../../shared/limits';
import type { Principal } from '../../users/user';
import type { NotificationFilters, NotificationFiltersInput } from '../notification-filters';
import type { PushSubscription, PushSubscriptionRepository } from '../notification-repositories';
import { checkedFilters } from './notification-targets';

/** Most browsers one user may subscribe. */
export const MAX_PUSH_SUBSCRIPTIONS_PER_USER = 20;

/** A browser's `PushSubscription.toJSON()` and the filters. */
export interface PushSubscriptionInput extends NotificationFiltersInput {
  endpoint?: unknown;
  expirationTime?: unknown;
  keys?: unknown;
}

export interface PushSubscriptionView extends NotificationFilters {
  id: string;
  endpoint: string;
  createdAt: string;
}

export interface ManagePushSubscriptionsDeps {
  subscriptions: PushSubscriptionRepository;
  cameras: CameraRepository;
  persons: PersonRepository;
  ids: IdGenerator;
  clock: Clock;
}

/** The caller's own browsers for Web Push. */
export class ManagePushSubscriptions {
  constructor(private readonly deps: ManagePushSubscriptionsDeps) {}

  async subscribe(principal: Principal, input: PushSubscriptionInput): Promise<PushSubscriptionView> {
    const endpoint = parseEndpoint(input.endpoint);
    const keys = parseKeys(input.keys);
    const filters = await checkedFilters(this.deps, principal, input);
    const mine = await this.deps.subscriptions.listByUser(principal.userId);
    const same = mine.find((s) => s.endpoint === endpoint);
    if (!same && mine.length >= MAX_PUSH_SUBSCRIPTIONS_PER_USER) {
      throw new ValidationError(`a user may subscribe at most ${MAX_PUSH_SUBSCRIPTIONS_PER_USER} browsers`);
    }
    const subscription: PushSubscription = {
      id: same?.id ?? this.deps.ids.next(),
      userId: principal.userId,
      endpoint,
      keys,
      filters,
      createdAt: this.deps.clock.now(),
    };
    await this.deps.subscriptions.save(subscription);
    return toPushSubscriptionView(subscription);
  }

  async list(principal: Principal): Promise<PushSubscriptionView[]> {
    return (await this.deps.subscriptions.listByUser(principal.userId)).map(toPushSubscriptionView);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const subscription = await this.deps.subscriptions.findById(id);
    if (!subscription || subscription.userId !== principal.userId) throw new NotFoundError('Subscription not found');
    await this.deps.subscriptions.delete(id);
  }
}

export function toPushSubscriptionView(s: PushSubscription): PushSubscriptionView {
  return {
    id: s.id,
    endpoint: s.endpoint,
    cameraIds: [...s.filters.cameraIds],
    personIds: [...s.filters.personIds],
    unknownOnly: s.filters.unknownOnly,
    kinds: [...s.filters.kinds],
    createdAt: s.createdAt.toISOString(),
  };
}

function parseEndpoint(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new ValidationError('endpoint must be the push service URL of the subscription');
  if (value.length > MAX_URL_LENGTH) throw new ValidationError(`endpoint must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError('endpoint must be the push service URL of the subscription');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError('endpoint must be an https URL');
  return url.href;
}

const P256DH = /^[A-Za-z0-9_-]{86,88}={0,2}$/;
const AUTH = /^[A-Za-z0-9_-]{22,24}={0,2}$/;

/** keys.p256dh: an uncompressed P-256 point (65 bytes), keys.auth: 16 bytes, both base64url. */
function parseKeys(value: unknown): { p256dh: string; auth: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('keys must be an object with p256dh and auth (from the browser’s PushSubscription)');
  }
  const { p256dh, auth, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw new ValidationError(`keys has unknown fields: ${Object.keys(rest).join(', ')}`);
  if (typeof p256dh !== 'string' || !P256DH.test(p256dh) || !p256dh.replace(/=+$/, '').startsWith('B')) {
    throw new ValidationError('keys.p256dh must be the base64url of an uncompressed P-256 public key (65 bytes)');
  }
  if (typeof auth !== 'string' || !AUTH.test(auth)) throw new ValidationError('keys.auth must be the base64url of 16 bytes');
  return { p256dh: p256dh.replace(/=+$/, ''), auth: auth.replace(/=+$/, '') };
}
