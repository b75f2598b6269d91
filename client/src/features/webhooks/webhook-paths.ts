export const WEBHOOKS_PATH = '/settings/webhooks';
export const NEW_ENDPOINT_PATH = `${WEBHOOKS_PATH}/new`;
export const endpointPath = (endpointId: string) => `${WEBHOOKS_PATH}/${endpointId}`;
