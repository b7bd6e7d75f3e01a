import { Mutation } from './Mutation';
import { User } from './User';

export const resolvers = { Mutation, User };
