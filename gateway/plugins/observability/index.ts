export { createGatewayMetrics } from './gatewayMetrics';
export type { GatewayMetrics } from './gatewayMetrics';
