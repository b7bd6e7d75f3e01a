export { trustedDocuments } from './trustedDocuments';
export type { TrustedDocumentResolver, TrustedDocumentsOptions } from './trustedDocuments';
export { loadTrustedDocuments, trustedDocumentStore } from './documentStore';
export type { TrustedDocumentSet, TrustedDocumentStore, TrustedDocumentStoreOptions } from './documentStore';
