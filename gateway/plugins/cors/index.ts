export { channelCors } from './channelCors';
export type { ChannelCorsOptions, CorsDecision } from './channelCors';
