/** Loans (every H5 channel but ALIPAY_MINI, whose manifest has no loan operations). */
import { useQuery } from '@apollo/client/react';
import { MyLoansDocument } from '@documents';
import { Amount, Card } from '../../../shared/components';
import { Loaded } from '../pages/common';

const STATUS: Record<string, string> = { ACTIVE: '还款中', PAID_OFF: '已结清', OVERDUE: '已逾期' };

export function LoansPage() {
  const loans = useQuery(MyLoansDocument);
  return (
    <Loaded loading={loans.loading} error={loans.error}>
      {() => {
        const list = loans.data?.me?.loans ?? [];
        return (
          <>
            {list.map((loan) => (
              <Card key={loan.id} title={loan.productName}>
                <p>
                  借款本金 <Amount value={loan.principal.amount} />
                  ，剩余本金 <Amount value={loan.outstandingPrincipal.amount} />
                  ，年利率 {loan.annualRate}%，
                  {loan.termMonths} 期（{STATUS[loan.status] ?? loan.status}）
                </p>
                {loan.nextInstallment ? (
                  <p>
                    下期还款 {loan.nextInstallment.dueDate}：<Amount value={loan.nextInstallment.total.amount} />
                  </p>
                ) : null}
              </Card>
            ))}
            {list.length === 0 ? <p>您目前没有贷款。可在“理财”中查看本渠道在售的贷款产品。</p> : null}
          </>
        );
      }}
    </Loaded>
  );
}
