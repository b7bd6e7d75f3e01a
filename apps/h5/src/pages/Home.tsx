/** Home: the customer, this channel's offer and transfer limits, accounts, points, coupons and recommended products. */
import { useQuery } from '@apollo/client/react';
import { HomeScreenDocument } from '@documents';
import { Link } from 'react-router-dom';
import { Amount, Card } from '../../../shared/components';
import { useH5 } from '../context';
import { ACCOUNT_CLASS_NAMES, CHANNEL_NAMES, Loaded, PERIOD_NAMES } from './common';

export function HomePage() {
  const { channel, tracker } = useH5();
  const home = useQuery(HomeScreenDocument);
  return (
    <Loaded loading={home.loading} error={home.error}>
      {() => {
        const me = home.data?.me;
        if (!me) return null;
        const limits = me.limits.filter((limit) => limit.scope === 'CHANNEL' || limit.scope === 'CUSTOMER');
        return (
          <>
            <p className="bank-greeting">您好，{me.name}</p>
            <Card title={`${channel.name}服务`}>
              <p>{channel.summary}</p>
              {limits.length ? (
                <ul aria-label="本渠道转账限额">
                  {limits.map((limit) => (
                    <li key={`${limit.scope}-${limit.channel ?? ''}-${limit.period}-${limit.source}`}>
                      {CHANNEL_NAMES[limit.channel ?? 'ALL'] ?? limit.channel} {PERIOD_NAMES[limit.period] ?? limit.period}转账限额{' '}
                      <Amount value={limit.amount.amount} />
                      {limit.source === 'CUSTOMER' ? '（您自设）' : ''}
                    </li>
                  ))}
                </ul>
              ) : null}
            </Card>
            <Card title="我的账户">
              <ul className="bank-list">
                {me.accounts.map((account) => (
                  <li key={account.id}>
                    <Link to={`/accounts/${account.id}`}>
                      {ACCOUNT_CLASS_NAMES[account.accountClass]} {account.maskedNumber}
                    </Link>{' '}
                    可用 <Amount value={account.availableBalance.amount} />
                  </li>
                ))}
              </ul>
              {me.accounts.length === 0 ? (
                <p>
                  您还没有账户，<Link to="/accounts/open">实名认证并开立 II 类账户</Link>
                </p>
              ) : null}
            </Card>
            <Card title="积分与优惠券">
              <p>
                积分 {me.points?.balance ?? 0}，可用优惠券 {(me.coupons ?? []).filter((coupon) => coupon.status === 'CLAIMED').length} 张{' '}
                <Link to="/rewards">查看</Link>
              </p>
            </Card>
            {me.recommendedProducts?.length ? (
              <Card title="为您推荐">
                <ul className="bank-list">
                  {me.recommendedProducts.map(({ product, reason }) => (
                    <li key={product.id}>
                      <Link
                        to={`/products/${product.id}`}
                        data-track={`home-recommended-${product.id}`}
                        onClick={() => tracker.productView(product.id, 'home')}
                      >
                        {product.name}
                      </Link>{' '}
                      <span className="bank-hint">{reason}</span>
                    </li>
                  ))}
                </ul>
              </Card>
            ) : null}
            {home.data?.campaigns?.length ? (
              <Card title="精彩活动">
                <ul className="bank-list">
                  {home.data.campaigns.map((campaign) => (
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
