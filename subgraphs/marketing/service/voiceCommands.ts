/**
 * 智能语音: a customer's spoken command (as text) → a draft to confirm. Reads only: the customer's
 * payees from finance (when the text may name one), the catalogue from the product center and the
 * FAQ from marketing's own table (for a search). The understanding itself is the pure voice/ modules.
 */
import { ErrorCode, badInput, bankError } from '../../../platform/errors';
import type { Logger } from '../../../platform/observability/logger';
import type { PrismaClient } from '../__generated__/prisma/client';
import { findActiveFaqs } from './faq';
import { AMOUNT_REFUSAL_MESSAGES } from './voice/amount';
import { VoiceDraft, draftOf } from './voice/drafts';
import { interpretUtterance, mayNamePayee, normalizeUtterance } from './voice/intents';
import type { VoicePayee } from './voice/payees';
import { SearchableProduct, searchFaqs, searchProducts } from './voice/search';
import { segment } from './voice/segmentation';

export const MAX_VOICE_TEXT_LENGTH = 100;

export interface VoiceCommandSources {
  prisma: PrismaClient;
  log: Logger;
  /** The customer's saved payees, masked (finance, acting for the customer). */
  payeesOf: (customerId: string) => Promise<VoicePayee[]>;
  /** Products on sale on a channel (the product center). */
  catalogueOn: (channel: string | undefined) => Promise<SearchableProduct[]>;
}

export async function interpretVoiceCommand(
  sources: VoiceCommandSources,
  customerId: string,
  channel: string | undefined,
  spoken: string,
): Promise<VoiceDraft> {
  const text = normalizeUtterance(spoken);
  if (!text) throw badInput('没有听清，请再说一次', ['text']);
  if ([...text].length > MAX_VOICE_TEXT_LENGTH) throw badInput(`语音指令不能超过${MAX_VOICE_TEXT_LENGTH}个字`, ['text']);

  // Only an utterance that may be a transfer costs a call to finance.
  const payees = mayNamePayee(text) ? await sources.payeesOf(customerId) : [];
  const intent = interpretUtterance(text, payees, segment);
  if (intent.intent === 'REFUSED') {
    throw bankError(ErrorCode.BadUserInput, AMOUNT_REFUSAL_MESSAGES[intent.reason], {
      field: ['text'],
      details: { reason: intent.reason },
    });
  }
  if (intent.intent !== 'SEARCH') return draftOf(text, intent);

  const [catalogue, faqs] = await Promise.all([
    // Without the catalogue the FAQ still answers: a search is help, not a command.
    sources.catalogueOn(channel).catch((error: unknown) => {
      sources.log.warn({ err: error, service: 'product' }, 'catalogue unavailable; voice search answers from the FAQ only');
      return [];
    }),
    findActiveFaqs(sources.prisma),
  ]);
  return draftOf(text, intent, {
    products: searchProducts(intent.keywords, catalogue),
    faqs: searchFaqs(intent.keywords, faqs),
  });
}
