import { Limit } from './Limit';
import { Query } from './Query';
import { SignedAgreement } from './SignedAgreement';
import { User } from './User';

export const resolvers = { Query, User, Limit, SignedAgreement };
