import type { Camera } from '@argus/domain';

/** Topics Argus publishes on (the `argus/` tree) and their retained Home Assistant descriptions. */
export const STATUS_TOPIC = 'argus/status';
export const ALERTS_TOPIC = 'argus/alerts';
export const cameraTopic = (cameraId: string, leaf: 'alert' | 'state' | 'face' | 'person' | 'snapshot') => `argus/cameras/${cameraId}/${leaf}`;

/** How long the face sensor stays on after an alert (Home Assistant turns it off itself). */
export const FACE_SENSOR_OFF_DELAY_S = 30;

/** Home Assistant's ids are [a-zA-Z0-9_-]: anything else in a camera id becomes `_`. */
export const haObjectId = (cameraId: string) => `argus_${cameraId.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

export interface DiscoveryMessage {
  topic: string;
  payload: Record<string, unknown>;
}

/**
 * Home Assistant MQTT discovery for one camera, as one device with three entities: a face binary
 * sensor (on with each alert, off after FACE_SENSOR_OFF_DELAY_S), the last person seen (a sensor
 * with the last alert as attributes) and the last snapshot (an image entity fed the JPEG itself).
 * All follow `argus/status` for availability.
 */
export function discoveryMessages(camera: Pick<Camera, 'id' | 'name' | 'location'>, prefix = 'homeassistant'): DiscoveryMessage[] {
  const object = haObjectId(camera.id);
  const common = {
    availability_topic: STATUS_TOPIC,
    payload_available: 'online',
    payload_not_available: 'offline',
    device: {
      identifiers: [object],
      name: camera.name,
      manufacturer: 'Argus',
      model: 'RTSP camera',
      ...(camera.location ? { suggested_area: camera.location } : {}),
    },
  };
  return [
    {
      topic: `${prefix}/binary_sensor/${object}/face/config`,
      payload: {
        name: 'Face',
        unique_id: `${object}_face`,
        state_topic: cameraTopic(camera.id, 'face'),
        payload_on: 'ON',
        payload_off: 'OFF',
        off_delay: FACE_SENSOR_OFF_DELAY_S,
        device_class: 'occupancy',
        ...common,
      },
    },
    {
      topic: `${prefix}/sensor/${object}/last_person/config`,
      payload: {
        name: 'Last person',
        unique_id: `${object}_last_person`,
        state_topic: cameraTopic(camera.id, 'person'),
        json_attributes_topic: cameraTopic(camera.id, 'alert'),
        icon: 'mdi:account-eye',
        ...common,
      },
    },
    {
      topic: `${prefix}/image/${object}/snapshot/config`,
      payload: {
        name: 'Last snapshot',
        unique_id: `${object}_snapshot`,
        image_topic: cameraTopic(camera.id, 'snapshot'),
        content_type: 'image/jpeg',
        ...common,
      },
    },
  ];
}

/** The topics to clear (empty retained payload) when a camera is deleted. */
export function discoveryTopics(cameraId: string, prefix = 'homeassistant'): string[] {
  return discoveryMessages({ id: cameraId, name: '', location: '' }, prefix).map((m) => m.topic);
}
