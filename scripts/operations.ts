/** The channels' trusted operations: `schema/operations/<CHANNEL>/*.graphql`. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNELS, ChannelName } from '../subgraphs/kit/identity';
import { projectRoot } from '../subgraphs/kit/paths';

export const OPERATIONS_DIRECTORY = join(projectRoot, 'schema', 'operations');

export interface ChannelOperation {
  channel: ChannelName;
  file: string;
  document: string;
}

export function readChannelOperations(): ChannelOperation[] {
  return CHANNELS.flatMap((channel) => {
    const directory = join(OPERATIONS_DIRECTORY, channel);
    if (!existsSync(directory)) return [];
    return readdirSync(directory)
      .filter((file) => file.endsWith('.graphql'))
      .sort()
      .map((file) => ({ channel, file: `${channel}/${file}`, document: readFileSync(join(directory, file), 'utf8') }));
  });
}
