export const WEBHOOK_REPOSITORY = Symbol('WebhookRepository');
export const WEBHOOK_DELIVERY_REPOSITORY = Symbol('WebhookDeliveryRepository');
export const PUSH_SUBSCRIPTION_REPOSITORY = Symbol('PushSubscriptionRepository');
export const VAPID_KEYS = Symbol('VapidKeys');
export const MQTT_BROADCASTER = Symbol('MqttBroadcaster');
