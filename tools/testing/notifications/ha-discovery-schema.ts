/**
 * The parts of Home Assistant's MQTT discovery schema Argus uses, written from the documentation
 * (https://www.home-assistant.io/integrations/mqtt/ "MQTT Discovery", and the binary_sensor.mqtt,
 * sensor.mqtt and image.mqtt pages): the discovery topic format, each platform's keys with their
 * types, the required ones, the exclusive ones, and the device block. Unknown keys are errors here
 * (Home Assistant ignores or rejects them; either way they would be a mistake).
 */
type Check = (value: unknown) => boolean;

const str: Check = (v) => typeof v === 'string' && v.length > 0;
const bool: Check = (v) => typeof v === 'boolean';
const posInt: Check = (v) => Number.isInteger(v) && (v as number) > 0;
const qos: Check = (v) => v === 0 || v === 1 || v === 2;
/** A topic one subscribes to: no wildcards needed here, never empty, no NUL. */
const topic: Check = (v) => str(v) && !/[#+]/.test(v as string) && !(v as string).includes(String.fromCharCode(0));
const strList: Check = (v) => Array.isArray(v) && v.length > 0 && v.every(str);
const id: Check = (v) => typeof v === 'string' && /^[a-zA-Z0-9_-]+$/.test(v);

const DEVICE: Record<string, Check> = {
  identifiers: (v) => str(v) || strList(v),
  connections: (v) => Array.isArray(v),
  name: str,
  manufacturer: str,
  model: str,
  model_id: str,
  sw_version: str,
  hw_version: str,
  serial_number: str,
  suggested_area: str,
  via_device: str,
  configuration_url: str,
};

const COMMON: Record<string, Check> = {
  name: (v) => v === null || str(v),
  unique_id: str,
  object_id: id,
  default_entity_id: str,
  availability_topic: topic,
  availability_mode: (v) => v === 'all' || v === 'any' || v === 'latest',
  payload_available: str,
  payload_not_available: str,
  availability: (v) => Array.isArray(v),
  device: (v) => typeof v === 'object' && v !== null,
  enabled_by_default: bool,
  entity_category: (v) => v === 'config' || v === 'diagnostic',
  entity_picture: str,
  icon: (v) => typeof v === 'string' && /^mdi:[a-z0-9-]+$/.test(v),
  json_attributes_topic: topic,
  json_attributes_template: str,
  qos,
  encoding: (v) => typeof v === 'string',
};

const BINARY_SENSOR_CLASSES = ['battery', 'battery_charging', 'carbon_monoxide', 'cold', 'connectivity', 'door', 'garage_door', 'gas', 'heat', 'light', 'lock', 'moisture', 'motion', 'moving', 'occupancy', 'opening', 'plug', 'power', 'presence', 'problem', 'running', 'safety', 'smoke', 'sound', 'tamper', 'update', 'vibration', 'window'];

interface PlatformSchema {
  keys: Record<string, Check>;
  required: string[];
  /** At most one, and for image exactly one, of each group. */
  exclusive?: { keys: string[]; exactlyOne: boolean };
}

export const HA_PLATFORMS: Record<string, PlatformSchema> = {
  binary_sensor: {
    keys: {
      ...COMMON,
      state_topic: topic,
      payload_on: str,
      payload_off: str,
      off_delay: posInt,
      expire_after: posInt,
      force_update: bool,
      value_template: str,
      device_class: (v) => typeof v === 'string' && BINARY_SENSOR_CLASSES.includes(v),
    },
    required: ['state_topic'],
  },
  sensor: {
    keys: {
      ...COMMON,
      state_topic: topic,
      value_template: str,
      expire_after: posInt,
      force_update: bool,
      device_class: str,
      state_class: (v) => v === 'measurement' || v === 'total' || v === 'total_increasing',
      unit_of_measurement: str,
      suggested_display_precision: (v) => Number.isInteger(v),
      last_reset_value_template: str,
      options: strList,
    },
    required: ['state_topic'],
  },
  image: {
    keys: { ...COMMON, image_topic: topic, url_topic: topic, url_template: str, content_type: (v) => typeof v === 'string' && /^image\/[\w.+-]+$/.test(v), image_encoding: (v) => v === 'b64' },
    required: [],
    exclusive: { keys: ['image_topic', 'url_topic'], exactlyOne: true },
  },
};

/** `<prefix>/<component>/[<node_id>/]<object_id>/config` */
const DISCOVERY_TOPIC = /^([a-zA-Z0-9_-]+)\/([a-z_]+)\/(?:([a-zA-Z0-9_-]+)\/)?([a-zA-Z0-9_-]+)\/config$/;

/** Every way a discovery message breaks the schema; empty when it is valid. */
export function validateDiscovery(topicName: string, payload: unknown, prefix = 'homeassistant'): string[] {
  const errors: string[] = [];
  const match = DISCOVERY_TOPIC.exec(topicName);
  if (!match) return [`topic ${topicName} is not <prefix>/<component>/[<node_id>/]<object_id>/config`];
  if (match[1] !== prefix) errors.push(`topic prefix ${match[1]} is not ${prefix}`);
  const schema = HA_PLATFORMS[match[2]];
  if (!schema) return [...errors, `component ${match[2]} is not one Argus describes`];
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return [...errors, 'payload is not a JSON object'];
  const body = payload as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    const check = schema.keys[key];
    if (!check) errors.push(`unknown key ${key}`);
    else if (!check(value)) errors.push(`bad value for ${key}: ${JSON.stringify(value)}`);
  }
  for (const key of schema.required) if (!(key in body)) errors.push(`missing ${key}`);
  if (schema.exclusive) {
    const present = schema.exclusive.keys.filter((k) => k in body);
    if (present.length > 1) errors.push(`${present.join(' and ')} are exclusive`);
    if (schema.exclusive.exactlyOne && present.length === 0) errors.push(`one of ${schema.exclusive.keys.join(', ')} is required`);
  }
  if ('availability' in body && 'availability_topic' in body) errors.push('availability and availability_topic are exclusive');
  if ('content_type' in body && !('image_topic' in body)) errors.push('content_type only applies with image_topic');
  if ('device' in body) {
    // Entities with a device need a unique_id, and the device at least identifiers or connections.
    if (!('unique_id' in body)) errors.push('device needs unique_id');
    const device = body['device'] as Record<string, unknown>;
    if (!('identifiers' in device) && !('connections' in device)) errors.push('device needs identifiers or connections');
    for (const [key, value] of Object.entries(device)) {
      const check = DEVICE[key];
      if (!check) errors.push(`unknown device key ${key}`);
      else if (!check(value)) errors.push(`bad value for device.${key}: ${JSON.stringify(value)}`);
    }
  }
  return errors;
}
