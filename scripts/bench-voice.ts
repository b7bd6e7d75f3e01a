/**
 * `npm run bench:voice [rounds]`: the parse latency of voice commands, in one process, no network and
 * no database — the pure understanding that `interpretVoiceCommand` runs before any call (jieba
 * segmentation, amount, payee and intent rules, and for a search the FAQ and catalogue ranking) over
 * the table of subgraphs/marketing/__tests__/voiceTable.ts, `rounds` times (default 200) after a
 * warm-up. Prints the dictionary load, then p50/p99/max per utterance. Prints figures; not a test.
 */
import { performance } from 'node:perf_hooks';
import { DEMO_PRODUCTS } from '../subgraphs/product/seed';
import { FAQ_ENTRIES } from '../subgraphs/marketing/service/faqContent';
import { interpretUtterance } from '../subgraphs/marketing/service/voice/intents';
import { searchFaqs, searchProducts } from '../subgraphs/marketing/service/voice/search';
import { segment } from '../subgraphs/marketing/service/voice/segmentation';
import { VOICE_TABLE, VOICE_TEST_PAYEES } from '../subgraphs/marketing/__tests__/voiceTable';

const rounds = Number(process.argv[2] ?? 200);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const catalogue = DEMO_PRODUCTS.map((product) => ({ id: product.id, name: product.name, kind: product.kind }));
const faqs = FAQ_ENTRIES.map((faq) => ({ id: faq.id, question: faq.question, answer: faq.answer, keywords: faq.keywords }));

function understand(utterance: string) {
  const intent = interpretUtterance(utterance, VOICE_TEST_PAYEES, segment);
  if (intent.intent === 'SEARCH') return [searchProducts(intent.keywords, catalogue), searchFaqs(intent.keywords, faqs)];
  return intent;
}

function main() {
  const loadStart = performance.now();
  segment('给李秀英转100元');
  const loadMs = performance.now() - loadStart;

  for (let round = 0; round < 20; round += 1) for (const [utterance] of VOICE_TABLE) understand(utterance);

  const latencies: number[] = [];
  const byIntent = new Map<string, number[]>();
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    for (const [utterance, expected] of VOICE_TABLE) {
      const before = performance.now();
      understand(utterance);
      const took = performance.now() - before;
      latencies.push(took);
      byIntent.set(expected.intent, [...(byIntent.get(expected.intent) ?? []), took]);
    }
  }
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const micros = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  console.log(`jieba dictionary + bank words, first call: ${loadMs.toFixed(0)} ms`);
  console.log(
    `${VOICE_TABLE.length} utterances × ${rounds} rounds = ${latencies.length} parses: ` +
      `p50 ${micros(percentile(latencies, 50))}, p99 ${micros(percentile(latencies, 99))}, max ${micros(latencies.at(-1)!)}, ` +
      `mean ${micros(elapsed / latencies.length)}, ${Math.round(latencies.length / (elapsed / 1000))} parses/s on one core`,
  );
  for (const [intent, taken] of byIntent) {
    taken.sort((a, b) => a - b);
    console.log(`  ${intent.padEnd(15)} p50 ${micros(percentile(taken, 50))}, p99 ${micros(percentile(taken, 99))}`);
  }
}

main();
