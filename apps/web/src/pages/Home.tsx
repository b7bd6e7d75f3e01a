/** Home: the customer's accounts and balances, limits, points and coupons, recommended products and campaigns. */
import { useQuery } from '@apollo/client/react';
import { HomeScreenDocument } from '@documents';
import { Link } from 'react-router-dom';
import { Amount, Card } from '../../../shared/components';
import { sumMoney } from '../../../shared/money';
import { ACCOUNT_CLASS_NAMES, Loaded } from './common';

export function HomePage() {
  const { data, loading, error } = useQuery(HomeScreenDocument);
  return (
    <Loaded loading={loading} error={error}>
      {() => {
        const me = data?.me;
        if (!me) return null;
        const total = sumMoney(me.accounts.map((account) => account.balance.amount));
        return (
          <>
            <p>您好，{me.name}</p>
            <Card title="资产总览">
              <p>
                总资产 <Amount value={total} />
              </p>
              {me.accounts.length === 0 ? (
                <p>
                  您还没有账户。<Link to="/accounts/open">完成实名认证并开立二类户</Link>
                </p>
              ) : (
                <table className="bank-table">
                  <caption className="bank-hint">我的账户</caption>
                  <thead>
                    <tr>
                      <th scope="col">账户</th>
                      <th scope="col">类别</th>
                      <th scope="col">余额</th>
                      <th scope="col">可用余额</th>
                    </tr>
                  </thead>
                  <tbody>
                    {me.accounts.map((account) => (
                      <tr key={account.id}>
                        <td>
                          <Link to={`/accounts/${account.id}`}>{account.maskedNumber}</Link>
                        </td>
                        <td>{ACCOUNT_CLASS_NAMES[account.accountClass]}</td>
                        <td>
                          <Amount value={account.balance.amount} />
                        </td>
                        <td>
                          <Amount value={account.availableBalance.amount} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p className="bank-row">
                <Link to="/transfer" data-track="home-transfer">
                  转账
                </Link>
                <Link to="/bills" data-track="home-bills">
                  生活缴费
                </Link>
                <Link to="/products" data-track="home-products">
                  理财产品
                </Link>
              </p>
            </Card>
            <Card title="积分与优惠券">
              <p>积分余额：{me.points?.balance ?? 0}</p>
              <p>可用优惠券：{(me.coupons ?? []).filter((coupon) => coupon.status === 'CLAIMED').length} 张</p>
              <Link to="/rewards">查看优惠与积分</Link>
            </Card>
            {me.recommendedProducts?.length ? (
              <Card title="为您推荐">
                <ul>
                  {me.recommendedProducts.map((recommendation) => (
                    <li key={recommendation.product.id}>
                      <Link to={`/products/${recommendation.product.id}`}>{recommendation.product.name}</Link>（
                      {recommendation.product.riskLevel}）
                      {recommendation.product.minAmount ? (
                        <>
                          ，起购 <Amount value={recommendation.product.minAmount.amount} />
                        </>
                      ) : null}
                      <span className="bank-hint"> {recommendation.reason}</span>
                    </li>
                  ))}
                </ul>
              </Card>
            ) : null}
            {data?.campaigns?.length ? (
              <Card title="活动">
                <ul>
                  {data.campaigns.map((campaign) => (
                    <li key={campaign.id}>{campaign.title}</li>
                  ))}
                </ul>
              </Card>
            ) : null}
          </>
        );
      }}
    </Loaded>
  );
}
