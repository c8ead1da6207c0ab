import { loadConfig } from './argus-config';

describe('loadConfig: notifications', () => {
  it('defaults to no MQTT, Home Assistant discovery on, private addresses allowed', () => {
    expect(loadConfig({}).notifications).toEqual({ mqttUrl: null, mqttHaDiscovery: true, webhookAllowPrivate: true, vapidSubject: 'mailto:argus@localhost', publicUrl: null });
    expect(loadConfig({ MQTT_URL: '', MQTT_HA_DISCOVERY: '', WEBHOOK_ALLOW_PRIVATE: '', VAPID_SUBJECT: '' }).notifications.mqttUrl).toBeNull();
  });

  it('takes a broker URL, true/false switches and a VAPID contact', () => {
    const n = loadConfig({ MQTT_URL: 'mqtt://argus:pw@broker:1883', MQTT_HA_DISCOVERY: 'false', WEBHOOK_ALLOW_PRIVATE: 'false', VAPID_SUBJECT: 'mailto:me@example.com' }).notifications;
    expect(n).toEqual({ mqttUrl: 'mqtt://argus:pw@broker:1883', mqttHaDiscovery: false, webhookAllowPrivate: false, vapidSubject: 'mailto:me@example.com', publicUrl: null });
    expect(loadConfig({ PUBLIC_URL: 'https://argus.example.com/' }).notifications.publicUrl).toBe('https://argus.example.com');
    expect(loadConfig({ PUBLIC_URL: 'http://192.168.1.5:4000/argus' }).notifications.publicUrl).toBe('http://192.168.1.5:4000/argus');
    for (const url of ['mqtts://broker:8883', 'ws://broker:9001/mqtt', 'wss://broker/mqtt']) expect(loadConfig({ MQTT_URL: url }).notifications.mqttUrl).toBe(url);
    expect(loadConfig({ VAPID_SUBJECT: 'https://argus.example.com' }).notifications.vapidSubject).toBe('https://argus.example.com');
  });

  it('refuses malformed values at start-up, naming the variable and never echoing a password', () => {
    expect(() => loadConfig({ MQTT_URL: 'http://user:hunter2@broker' })).toThrow('MQTT_URL must be an mqtt://, mqtts://, ws:// or wss:// URL with a host, e.g. mqtt://user:pass@broker:1883 (got a http: URL)');
    expect(() => loadConfig({ MQTT_URL: 'broker:1883' })).toThrow(/MQTT_URL must be an mqtt:\/\//);
    expect(() => loadConfig({ MQTT_URL: 'user:hunter2@broker' })).toThrow(/MQTT_URL must be/);
    expect(() => loadConfig({ MQTT_URL: 'tcp://user:hunter2@broker' })).toThrow(/^(?!.*hunter2)MQTT_URL must be .* \(got a tcp: URL\)$/);
    expect(() => loadConfig({ MQTT_URL: 'mqtt://' })).toThrow(/MQTT_URL must be/);
    for (const wrong of ['yes', 'no', '0', 'False', 'off']) {
      expect(() => loadConfig({ MQTT_HA_DISCOVERY: wrong })).toThrow(`MQTT_HA_DISCOVERY must be true or false (got "${wrong}")`);
      expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: wrong })).toThrow(`WEBHOOK_ALLOW_PRIVATE must be true or false (got "${wrong}")`);
    }
    for (const wrong of ['argus.example.com', 'ftp://argus.example.com', 'https://u:p@argus.example.com', 'https://argus.example.com/?x=1']) {
      expect(() => loadConfig({ PUBLIC_URL: wrong })).toThrow(`PUBLIC_URL must be an http:// or https:// address without credentials, query or fragment, e.g. https://argus.example.com (got "${wrong}")`);
    }
    expect(() => loadConfig({ VAPID_SUBJECT: 'me@example.com' })).toThrow('VAPID_SUBJECT must be a mailto: address or an https: URL (got "me@example.com")');
  });
});
