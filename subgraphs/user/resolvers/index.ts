import { customerRegistrationMutations } from './customerRegistration';
import { Query } from './Query';
import { User } from './User';

export const resolvers = { Query, User, Mutation: { ...customerRegistrationMutations } };
