/** Time deposits (MOBILE_APP and WECHAT_BANKING only: the mini-programs' manifests have no time-deposit operations). */
import { useQuery } from '@apollo/client/react';
import { TimeDepositsDocument } from '@documents';
import { Link } from 'react-router-dom';
import { Amount, Card } from '../../../shared/components';
import { Loaded } from '../pages/common';

const STATUS: Record<string, string> = { ACTIVE: '存续中', MATURED: '已到期', WITHDRAWN: '已支取' };

export function TimeDepositsPage() {
  const deposits = useQuery(TimeDepositsDocument);
  return (
    <Loaded loading={deposits.loading} error={deposits.error}>
      {() => {
        const list = deposits.data?.me?.timeDeposits ?? [];
        return (
          <>
            {list.map((deposit) => (
              <Card key={deposit.id} title={deposit.productName}>
                <p>
                  本金 <Amount value={deposit.principal.amount} />
                  ，年利率 {deposit.rate}%，{deposit.termDays} 天，{deposit.openedOn} 至 {deposit.maturesOn}（
                  {STATUS[deposit.status] ?? deposit.status}）
                </p>
                <p>
                  到期本息 <Amount value={deposit.valueAtMaturity.amount} />
                </p>
              </Card>
            ))}
            {list.length === 0 ? <p>您还没有定期存款。</p> : null}
            <p>
              <Link to="/products">查看在售定期存款产品</Link>
            </p>
          </>
        );
      }}
    </Loaded>
  );
}
