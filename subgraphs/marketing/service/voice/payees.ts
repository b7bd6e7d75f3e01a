/**
 * Which of the customer's own saved payees an utterance names. Pure: the payees are given.
 *
 * In order: a payee's full name said (李秀英); a payee's alias said (房东); a surname with a title
 * (老王, 小王, 阿王, 王老师, 王总, 王姐, …) → the payees whose name starts with that surname. More than
 * one payee fitting is AMBIGUOUS with every fitting payee as a candidate: never a guess. A name that
 * fits no payee is NOT_FOUND with what was said; nothing said is NOT_SAID.
 */

export interface VoicePayee {
  id: string;
  name: string;
  alias: string | null;
  maskedAccountNumber: string;
  bankName: string;
}

export type PayeeMatchKind = 'NAME' | 'ALIAS' | 'SURNAME_TITLE' | 'AMBIGUOUS' | 'NOT_FOUND' | 'NOT_SAID';

export interface PayeeMatch {
  match: PayeeMatchKind;
  /** The payee as said, null when none was said. */
  spoken: string | null;
  candidates: VoicePayee[];
}

/** Two-character surnames; every other surname is the name's first character. */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '司徒',
  '夏侯',
  '长孙',
  '宇文',
  '轩辕',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '钟离',
];

/** Said before a surname: 老王, 小王, 阿王. */
const TITLE_PREFIXES = ['老', '小', '阿'];
/** Said after a surname, longest first: 王老师, 王总, 王姐. */
const TITLE_SUFFIXES = [
  '老师',
  '师傅',
  '经理',
  '老板',
  '主任',
  '医生',
  '先生',
  '女士',
  '小姐',
  '阿姨',
  '大爷',
  '大妈',
  '大哥',
  '大姐',
  '叔叔',
  '总',
  '姐',
  '哥',
  '叔',
  '姨',
  '伯',
  '婶',
  '嫂',
  '工',
  '董',
];

export function surnameOf(name: string): string {
  const compound = COMPOUND_SURNAMES.find((surname) => name.startsWith(surname) && name.length > surname.length);
  return compound ?? name.slice(0, 1);
}

const unique = (payees: VoicePayee[]) => [...new Map(payees.map((payee) => [payee.id, payee])).values()];

function found(
  match: Exclude<PayeeMatchKind, 'AMBIGUOUS' | 'NOT_FOUND' | 'NOT_SAID'>,
  spoken: string,
  candidates: VoicePayee[],
): PayeeMatch {
  const distinct = unique(candidates);
  return { match: distinct.length > 1 ? 'AMBIGUOUS' : match, spoken, candidates: distinct };
}

/** The longest of the given words the text contains, with every payee it belongs to. */
function longestSaid(
  text: string,
  payees: readonly VoicePayee[],
  wordOf: (payee: VoicePayee) => string | null,
): { word: string; payees: VoicePayee[] } | null {
  let best: { word: string; payees: VoicePayee[] } | null = null;
  for (const payee of payees) {
    const word = wordOf(payee)?.trim();
    if (!word || word.length < 2 || !text.includes(word)) continue;
    if (!best || word.length > best.word.length) best = { word, payees: [payee] };
    else if (word === best.word) best.payees.push(payee);
  }
  return best;
}

/** A surname with a title said in the text (老王, 王老师), among the surnames given. */
function surnameTitleSaid(text: string, surnames: readonly string[]): { spoken: string; surname: string } | null {
  for (const surname of [...surnames].sort((a, b) => b.length - a.length)) {
    for (const prefix of TITLE_PREFIXES) {
      if (text.includes(prefix + surname)) return { spoken: prefix + surname, surname };
    }
    for (const suffix of TITLE_SUFFIXES) {
      if (text.includes(surname + suffix)) return { spoken: surname + suffix, surname };
    }
  }
  return null;
}

/** Who the transfer is for, as said: 给X转, 向X转, 转给X, 打给X, X的账户. */
const SPOKEN_PAYEE = [
  /(?:给|向|替)([\u4e00-\u9fa5]{1,6}?)(?:转账|转|汇|打|付|还|充)/u,
  /(?:转给|转账给|汇给|打给|付给|转到)([\u4e00-\u9fa5]{1,6}?)(?:的|账户|卡|[0-9零一二两三四五六七八九十百千万]|[，。,.\s]|$)/u,
];
const NOT_A_PAYEE = new Set(['我', '我的', '自己', '他', '她', '它', '他们', '她们', '对方', '一下', '你']);

export function spokenPayeeIn(text: string): string | null {
  for (const pattern of SPOKEN_PAYEE) {
    const said = pattern.exec(text)?.[1];
    if (said && !NOT_A_PAYEE.has(said)) return said;
  }
  return null;
}

export function matchPayee(text: string, payees: readonly VoicePayee[]): PayeeMatch {
  const byName = longestSaid(text, payees, (payee) => payee.name);
  if (byName) return found('NAME', byName.word, byName.payees);

  const byAlias = longestSaid(text, payees, (payee) => payee.alias);
  if (byAlias) return found('ALIAS', byAlias.word, byAlias.payees);

  const surnames = [...new Set(payees.map((payee) => surnameOf(payee.name)))];
  const titled = surnameTitleSaid(text, surnames);
  if (titled) {
    return found(
      'SURNAME_TITLE',
      titled.spoken,
      payees.filter((payee) => surnameOf(payee.name) === titled.surname),
    );
  }

  const spoken = spokenPayeeIn(text);
  return spoken ? { match: 'NOT_FOUND', spoken, candidates: [] } : { match: 'NOT_SAID', spoken: null, candidates: [] };
}
