/** Accounts, each account's history (infinite scroll over the connection), and reporting a loss. */
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { AccountHistoryDocument, AccountsDocument, ReportAccountLossDocument, type AccountHistoryQuery } from '@documents';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Amount, Button, Card, Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { ACCOUNT_CLASS_NAMES, ACCOUNT_STATUS_NAMES, formatTime, Loaded } from './common';

export function AccountsPage() {
  const { data, loading, error, refetch } = useQuery(AccountsDocument);
  const [reportLoss] = useMutation(ReportAccountLossDocument);
  const [message, setMessage] = useState('');
  return (
    <Loaded loading={loading} error={error}>
      {() => (
        <>
          <Notice kind="info">{message}</Notice>
          {(data?.accounts ?? []).map((account) => (
            <Card key={account.id} title={`${ACCOUNT_CLASS_NAMES[account.accountClass]} ${account.maskedNumber}`}>
              <dl>
                <dt>状态</dt>
                <dd>{ACCOUNT_STATUS_NAMES[account.status] ?? account.status}</dd>
                <dt>余额</dt>
                <dd>
                  <Amount value={account.balance.amount} />
                </dd>
                <dt>可用余额</dt>
                <dd>
                  <Amount value={account.availableBalance.amount} />
                </dd>
                {account.balanceCap ? (
                  <>
                    <dt>余额上限</dt>
                    <dd>
                      <Amount value={account.balanceCap.amount} />
                    </dd>
                  </>
                ) : null}
                {account.boundTo ? (
                  <>
                    <dt>绑定账户</dt>
                    <dd>
                      {account.boundTo.bankName ?? ''} {account.boundTo.maskedAccountNumber}
                    </dd>
                  </>
                ) : null}
              </dl>
              <div className="bank-row">
                <Link to={`/accounts/${account.id}`}>交易明细</Link>
                {account.status === 'ACTIVE' ? (
                  <Button
                    variant="secondary"
                    onClick={() =>
                      void reportLoss({ variables: { accountId: account.id } })
                        .then(() => setMessage('已挂失，账户已冻结'))
                        .catch((failure: unknown) => setMessage(errorMessage(failure)))
                        .finally(() => void refetch())
                    }
                  >
                    挂失
                  </Button>
                ) : null}
              </div>
            </Card>
          ))}
          <p>
            <Link to="/accounts/open">开立二类账户</Link>
          </p>
        </>
      )}
    </Loaded>
  );
}

type Transaction = NonNullable<AccountHistoryQuery['account']>['transactions']['edges'][number]['node'];

const DIRECTION_NAMES: Record<string, string> = { DEBIT: '支出', CREDIT: '收入' };

export function HistoryPage() {
  const { accountId = '' } = useParams();
  const client = useApolloClient();
  const [account, setAccount] = useState<NonNullable<AccountHistoryQuery['account']> | undefined>();
  const [rows, setRows] = useState<Transaction[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  const sentinel = useRef<HTMLDivElement>(null);
  const busy = useRef(false);

  const loadMore = useCallback(async () => {
    if (busy.current || !hasMore) return;
    busy.current = true;
    setLoading(true);
    try {
      const { data } = await client.query({ query: AccountHistoryDocument, variables: { accountId, first: 20, after: cursor } });
      const page = data?.account;
      if (!page) throw new Error('账户不存在');
      setAccount(page);
      setRows((previous) => [...previous, ...page.transactions.edges.map((edge) => edge.node)]);
      setCursor(page.transactions.pageInfo.endCursor ?? null);
      setHasMore(page.transactions.pageInfo.hasNextPage);
    } catch (failure) {
      setError(errorMessage(failure));
      setHasMore(false);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, [accountId, client, cursor, hasMore]);

  useEffect(() => {
    const element = sentinel.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void loadMore();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [loadMore]);

  return (
    <>
      <Notice>{error}</Notice>
      {account ? (
        <p>
          {ACCOUNT_CLASS_NAMES[account.accountClass]} {account.maskedNumber}，余额 <Amount value={account.balance.amount} />
        </p>
      ) : null}
      <table className="bank-table">
        <caption className="bank-hint">交易明细（向下滚动加载更多）</caption>
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">收支</th>
            <th scope="col">金额</th>
            <th scope="col">余额</th>
            <th scope="col">对方</th>
            <th scope="col">摘要</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{formatTime(row.postedAt)}</td>
              <td>{DIRECTION_NAMES[row.direction] ?? row.direction}</td>
              <td>
                <Amount value={row.amount.amount} />
              </td>
              <td>{row.balanceAfter ? <Amount value={row.balanceAfter.amount} /> : '—'}</td>
              <td>{row.counterparty ? `${row.counterparty.maskedName ?? ''} ${row.counterparty.maskedAccountNumber ?? ''}` : '—'}</td>
              <td>{row.memo ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div ref={sentinel} aria-hidden="true" style={{ height: 1 }} />
      {loading ? <p role="status">正在加载…</p> : null}
      {hasMore && !loading ? (
        <Button variant="secondary" onClick={() => void loadMore()}>
          加载更多
        </Button>
      ) : null}
      {!hasMore && !error ? <p className="bank-hint">{rows.length ? '没有更多了' : '暂无交易'}</p> : null}
      <p>
        <Link to="/accounts">返回我的账户</Link>
      </p>
    </>
  );
}
