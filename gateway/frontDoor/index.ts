export { frontDoor } from './frontDoor';
export type { FrontDoorOptions } from './frontDoor';
export { channelCors } from './channelCors';
export type { ChannelCorsOptions, CorsDecision } from './channelCors';
export { clientAddress, parseTrustedProxies } from './clientAddress';
export type { TrustedProxies } from './clientAddress';
export { refuseBatch, refuseCsrf, refuseTokenFlood } from './requestRefusals';
export { exceedsTokenLimit } from './tokenLimit';
export { createPublicServer, PUBLIC_KEEP_ALIVE_MS } from './publicServer';
