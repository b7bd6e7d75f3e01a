import type { SignedAgreementResolvers } from '../__generated__/resolvers-types';

export const SignedAgreement: SignedAgreementResolvers = {
  version: (signed) => signed.templateVersion,
  title: (signed) => signed.template.title,
  kind: (signed) => signed.template.kind,
};
