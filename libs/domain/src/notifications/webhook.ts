import { ValidationError } from '../shared/errors';
import { MAX_URL_LENGTH } from '../shared/limits';
import type { NotificationFilters } from './notification-filters';

/** Longest webhook secret accepted. */
export const MAX_WEBHOOK_SECRET_LENGTH = 256;

/** A user's webhook. `secret` is the plain text inside Argus; it is sealed at rest and never answered. */
export interface Webhook {
  id: string;
  ownerId: string;
  url: string;
  secret: string | null;
  filters: NotificationFilters;
  createdAt: Date;
}

export interface WebhookView extends NotificationFilters {
  id: string;
  url: string;
  /** Whether deliveries are signed; the secret itself is never returned. */
  hasSecret: boolean;
  createdAt: string;
}

export function toWebhookView(webhook: Webhook): WebhookView {
  return {
    id: webhook.id,
    url: webhook.url,
    hasSecret: webhook.secret !== null,
    ...webhook.filters,
    cameraIds: [...webhook.filters.cameraIds],
    personIds: [...webhook.filters.personIds],
    kinds: [...webhook.filters.kinds],
    createdAt: webhook.createdAt.toISOString(),
  };
}

/** An absolute http(s) URL without credentials in it, at most MAX_URL_LENGTH characters. */
export function parseWebhookUrl(value: unknown): URL {
  if (typeof value !== 'string' || value.length === 0) throw new ValidationError('url must be an http or https URL');
  if (value.length > MAX_URL_LENGTH) throw new ValidationError(`url must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError('url must be an http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ValidationError('url must be an http or https URL');
  if (url.username || url.password) throw new ValidationError('url must not carry a user name or password: use the secret to sign deliveries');
  return url;
}

export function parseWebhookSecret(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new ValidationError('secret must be a string');
  if (value.length > MAX_WEBHOOK_SECRET_LENGTH) throw new ValidationError(`secret must be at most ${MAX_WEBHOOK_SECRET_LENGTH} characters`);
  return value;
}
