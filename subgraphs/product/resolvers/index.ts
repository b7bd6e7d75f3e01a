import { Product } from './Product';
import { Query } from './Query';

export const resolvers = { Query, Product };
