export { frontDoor } from './frontDoor';
export type { FrontDoorOptions } from './frontDoor';
