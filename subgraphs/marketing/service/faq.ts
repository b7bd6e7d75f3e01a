import type { PrismaClient } from '../__generated__/prisma/client';
import type { SearchableFaq } from './voice/search';

/** The active FAQ entries in their order (a dozen rows: one statement, searched in memory). */
export function findActiveFaqs(prisma: PrismaClient): Promise<SearchableFaq[]> {
  return prisma.faqEntry.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    select: { id: true, question: true, answer: true, keywords: true },
  });
}
