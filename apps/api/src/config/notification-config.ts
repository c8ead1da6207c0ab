import type { Env } from './env-values';

/** MQTT_URL, MQTT_HA_DISCOVERY, WEBHOOK_ALLOW_PRIVATE, VAPID_SUBJECT. */
export interface NotificationSettings {
  /** The broker alerts and camera states go to; null: no MQTT. */
  mqttUrl: string | null;
  /** Home Assistant discovery under `homeassistant/` (default on). */
  mqttHaDiscovery: boolean;
  /** Whether webhooks and push endpoints may be private or loopback addresses (default yes: home automation lives on the LAN). */
  webhookAllowPrivate: boolean;
  /** The contact push services see in VAPID tokens: a `mailto:` or `https:` URL. */
  vapidSubject: string;
  /** PUBLIC_URL: Argus's address as receivers reach it (no trailing slash), making webhooks' snapshot links absolute; null keeps paths. */
  publicUrl: string | null;
}

const MQTT_SCHEMES = ['mqtt:', 'mqtts:', 'ws:', 'wss:'];

export function notificationSettingsFromEnv(env: Env): NotificationSettings {
  return {
    mqttUrl: mqttUrl(env['MQTT_URL']),
    mqttHaDiscovery: flag(env, 'MQTT_HA_DISCOVERY', true),
    webhookAllowPrivate: flag(env, 'WEBHOOK_ALLOW_PRIVATE', true),
    vapidSubject: vapidSubject(env['VAPID_SUBJECT']),
    publicUrl: publicUrl(env['PUBLIC_URL']),
  };
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new Error(`${name} must be true or false (got "${raw}")`);
}

/** The value as a URL, or null when it is not one. */
function parsedUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

function mqttUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  const url = parsedUrl(raw);
  if (!url || !MQTT_SCHEMES.includes(url.protocol) || !url.hostname) {
    // The value may hold a password: the message shows only its scheme.
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(raw)?.[0] ?? 'no scheme';
    throw new Error(`MQTT_URL must be an mqtt://, mqtts://, ws:// or wss:// URL with a host, e.g. mqtt://user:pass@broker:1883 (got ${scheme === 'no scheme' ? 'a value without a scheme' : `a ${scheme} URL`})`);
  }
  return raw;
}

function publicUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  const url = parsedUrl(raw);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
    throw new Error(`PUBLIC_URL must be an http:// or https:// address without credentials, query or fragment, e.g. https://argus.example.com (got "${raw}")`);
  }
  return url.href.replace(/\/+$/, '');
}

function vapidSubject(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'mailto:argus@localhost';
  if (/^mailto:[^\s@]+@[^\s@]+$/.test(raw) || /^https:\/\/[^\s/]+/.test(raw)) return raw;
  throw new Error(`VAPID_SUBJECT must be a mailto: address or an https: URL (got "${raw}")`);
}
