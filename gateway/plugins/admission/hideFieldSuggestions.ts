import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
/** No "Did you mean …?" in production: suggestions map the schema for an attacker field by field. */
export function hideFieldSuggestions<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = error.message.replace(/ ?Did you mean .+\?$/, '');
        },
      };
    },
  };
}
