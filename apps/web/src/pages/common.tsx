/** Small pieces several screens share. */
import type { ReactNode } from 'react';
import { Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';

export const ACCOUNT_CLASS_NAMES: Record<string, string> = { I: 'I 类账户', II: 'II 类账户', III: 'III 类账户' };
export const ACCOUNT_STATUS_NAMES: Record<string, string> = { ACTIVE: '正常', FROZEN: '冻结', DORMANT: '久悬', CLOSED: '已销户' };

/** Loading, failure or the content. */
export function Loaded({ loading, error, children }: { loading: boolean; error?: unknown; children: () => ReactNode }) {
  if (error) return <Notice>{errorMessage(error)}</Notice>;
  if (loading) return <p role="status">正在加载…</p>;
  return <>{children()}</>;
}

export const formatTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
