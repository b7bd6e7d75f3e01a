/**
 * Fields tagged `@tag(name: "development")` in a center's SDL (the development SMS outbox) exist
 * only outside production: in production the gateway turns them `@inaccessible` before building
 * its API schema, so a client asking for them gets a validation error, as for any unknown field.
 */
const DEVELOPMENT_TAG = /@tag\(name: "development"\)/g;

export function withoutDevelopmentFields(supergraphSdl: string): string {
  return supergraphSdl.replace(DEVELOPMENT_TAG, '@inaccessible');
}
