/**
 * The fallback for what is not a command: rank catalogue products and FAQ entries by the keywords of
 * the utterance. Pure: the catalogue and the FAQ are given.
 *
 * A product scores 2 per keyword in its name and 1 per keyword naming its kind (理财 → WEALTH,
 * 存款/定期 → TIME_DEPOSIT, 贷款 → LOAN, 信用卡 → CREDIT_CARD). An FAQ entry scores 2 per keyword in
 * its question and 1 per keyword among its own keywords (either containing the other). Ties keep the
 * given order (the catalogue by code, the FAQ by its sort order).
 */

export interface SearchableProduct {
  id: string;
  name: string;
  kind: string;
}

export interface SearchableFaq {
  id: string;
  question: string;
  answer: string;
  keywords: readonly string[];
}

export const MAX_PRODUCT_HITS = 5;
export const MAX_FAQ_HITS = 3;

const KIND_WORDS: Record<string, readonly string[]> = {
  WEALTH: ['理财', '理财产品', '基金', '收益', '投资', '净值'],
  TIME_DEPOSIT: ['存款', '定期', '存单', '大额存单', '整存整取', '利率', '利息', '存钱'],
  LOAN: ['贷款', '借钱', '借款', 'e贷', '额度'],
  CREDIT_CARD: ['信用卡', '办卡', '白金卡', '金卡', '年费'],
};

function ranked<T>(items: readonly T[], score: (item: T) => number, limit: number): T[] {
  return items
    .map((item, order) => ({ item, order, score: score(item) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((entry) => entry.item);
}

export function searchProducts(keywords: readonly string[], products: readonly SearchableProduct[]): SearchableProduct[] {
  return ranked(
    products,
    (product) =>
      keywords.reduce(
        (sum, keyword) =>
          sum +
          (product.name.includes(keyword) ? 2 : 0) +
          ((KIND_WORDS[product.kind] ?? []).some((word) => word === keyword || keyword.includes(word)) ? 1 : 0),
        0,
      ),
    MAX_PRODUCT_HITS,
  );
}

export function searchFaqs(keywords: readonly string[], faqs: readonly SearchableFaq[]): SearchableFaq[] {
  return ranked(
    faqs,
    (faq) =>
      keywords.reduce(
        (sum, keyword) =>
          sum +
          (faq.question.includes(keyword) ? 2 : 0) +
          (faq.keywords.some((word) => word.includes(keyword) || keyword.includes(word)) ? 1 : 0),
        0,
      ),
    MAX_FAQ_HITS,
  );
}
