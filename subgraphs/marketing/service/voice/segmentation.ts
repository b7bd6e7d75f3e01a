/**
 * Chinese word segmentation: @node-rs/jieba 2.x with the dictionary inside its package (nothing
 * fetched at run time), loaded once per process (0.2–0.6 s: at the center's start outside tests,
 * else on first use), plus the bank's words so that 转账, 余额, 电费… stay whole. jieba 2 has no
 * `insertWord`: the bank's words are a user dictionary (`word frequency tag` lines) merged with `loadDict`.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/** Words the bank's customers say that jieba's general dictionary splits or ranks too low. */
export const BANK_WORDS: readonly string[] = [
  '转账',
  '转给',
  '余额',
  '电费',
  '水费',
  '燃气费',
  '煤气费',
  '话费',
  '宽带费',
  '积分',
  '缴费',
  '充话费',
  '交易明细',
  '交易记录',
  '理财产品',
  '定期存款',
  '大额存单',
  '信用卡',
  '丰收e贷',
  '电子回单',
  '交易密码',
  '登录密码',
  '限额',
];

let instance: Jieba | null = null;

function jieba(): Jieba {
  if (!instance) {
    const loaded = Jieba.withDict(dict);
    loaded.loadDict(Buffer.from(BANK_WORDS.map((word) => `${word} 100000 n`).join('\n') + '\n'));
    instance = loaded;
  }
  return instance;
}

/** Loads the dictionary now (at the center's start) rather than on the first voice command. */
export function warmUpSegmentation(): void {
  jieba();
}

/** Words of a text, in order (HMM on, so unknown names stay together). */
export function segment(text: string): string[] {
  return jieba()
    .cut(text, true)
    .filter((word) => word.trim() !== '');
}
