export { trustedDocuments } from './trustedDocuments';
export type { TrustedDocumentResolver, TrustedDocumentsOptions } from './trustedDocuments';
