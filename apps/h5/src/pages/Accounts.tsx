/** Accounts and one account's history (more pages on demand, over the connection). */
import { useApolloClient, useQuery } from '@apollo/client/react';
import { AccountHistoryDocument, AccountsDocument } from '@documents';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Amount, Button, Card } from '../../../shared/components';
import { ACCOUNT_CLASS_NAMES, ACCOUNT_STATUS_NAMES, CHANNEL_NAMES, formatTime, Loaded } from './common';

export function AccountsPage() {
  const accounts = useQuery(AccountsDocument);
  return (
    <Loaded loading={accounts.loading} error={accounts.error}>
      {() => (
        <>
          {(accounts.data?.accounts ?? []).map((account) => (
            <Card key={account.id} title={`${ACCOUNT_CLASS_NAMES[account.accountClass] ?? account.accountClass} ${account.maskedNumber}`}>
              <p>
                余额 <Amount value={account.balance.amount} />
                ，可用 <Amount value={account.availableBalance.amount} />（{ACCOUNT_STATUS_NAMES[account.status] ?? account.status}）
              </p>
              {account.balanceCap ? (
                <p>
                  余额上限 <Amount value={account.balanceCap.amount} />
                </p>
              ) : null}
              {account.boundTo ? (
                <p>
                  绑定账户 {account.boundTo.bankName ?? ''} {account.boundTo.maskedAccountNumber}
                </p>
              ) : null}
              <Link to={`/accounts/${account.id}`} aria-label={`${account.maskedNumber} 交易明细`}>
                交易明细
              </Link>
            </Card>
          ))}
          {accounts.data?.accounts.length === 0 ? <p>暂无账户</p> : null}
          <p>
            <Link to="/accounts/open">实名认证并开立 II 类账户</Link>
          </p>
        </>
      )}
    </Loaded>
  );
}

export function HistoryPage() {
  const { accountId = '' } = useParams();
  const client = useApolloClient();
  const history = useQuery(AccountHistoryDocument, { variables: { accountId, first: 20 } });
  const [loadingMore, setLoadingMore] = useState(false);
  const [more, setMore] = useState<NonNullable<typeof history.data>['account'][]>([]);
  const pages = [history.data?.account, ...more].filter((page) => page != null);
  const last = pages[pages.length - 1];

  async function loadMore() {
    if (!last?.transactions.pageInfo.endCursor) return;
    setLoadingMore(true);
    const next = await client
      .query({ query: AccountHistoryDocument, variables: { accountId, first: 20, after: last.transactions.pageInfo.endCursor } })
      .finally(() => setLoadingMore(false));
    const page = next.data?.account;
    if (page) setMore((pages) => [...pages, page]);
  }

  return (
    <Loaded loading={history.loading && !pages.length} error={history.error}>
      {() => {
        const account = pages[0];
        if (!account) return <p>未找到该账户</p>;
        const transactions = pages.flatMap((page) => page.transactions.edges.map((edge) => edge.node));
        return (
          <>
            <p>
              {ACCOUNT_CLASS_NAMES[account.accountClass]} {account.maskedNumber}，可用 <Amount value={account.availableBalance.amount} />
            </p>
            <ul className="bank-list" aria-label="交易明细">
              {transactions.map((entry) => (
                <li key={entry.id}>
                  <span>{formatTime(entry.postedAt)}</span> {entry.direction === 'CREDIT' ? '转入' : '转出'}{' '}
                  <Amount value={entry.amount.amount} /> {entry.counterparty?.maskedName ?? ''} {entry.memo ?? ''}
                  <small className="bank-hint"> {CHANNEL_NAMES[entry.channel ?? ''] ?? ''}</small>
                </li>
              ))}
            </ul>
            {transactions.length === 0 ? <p>暂无交易</p> : null}
            {last?.transactions.pageInfo.hasNextPage ? (
              <Button variant="secondary" busy={loadingMore} onClick={() => void loadMore()}>
                加载更多
              </Button>
            ) : null}
          </>
        );
      }}
    </Loaded>
  );
}
