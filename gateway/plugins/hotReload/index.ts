export { supergraphSource } from './supergraphSource';
export type { SupergraphSource, SupergraphSourceOptions } from './supergraphSource';
