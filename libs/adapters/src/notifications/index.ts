export * from './address-policy';
export * from './http-post';
export * from './http-webhook-sender';
export * from './web-push-sender';
export * from './ha-discovery';
export * from './mqtt-broadcaster';
