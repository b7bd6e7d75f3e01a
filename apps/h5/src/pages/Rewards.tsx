/** Coupons and points: claim a campaign's coupon, see one's coupons, redeem points for a reward. */
import { useMutation, useQuery } from '@apollo/client/react';
import { CampaignsDocument, ClaimCouponDocument, MyCouponsDocument, RedeemPointsDocument, RewardsDocument } from '@documents';
import { useState } from 'react';
import { Amount, Button, Card, Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { newIdempotencyKey } from '../context';
import { Loaded } from './common';

const COUPON_STATUS: Record<string, string> = { ISSUED: '待领取', CLAIMED: '可使用', REDEEMED: '已使用', EXPIRED: '已过期' };

export function RewardsPage() {
  const coupons = useQuery(MyCouponsDocument);
  const rewards = useQuery(RewardsDocument);
  const campaigns = useQuery(CampaignsDocument);
  const [claim] = useMutation(ClaimCouponDocument);
  const [redeem] = useMutation(RedeemPointsDocument);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  async function run(action: () => Promise<string>) {
    setError('');
    setDone('');
    try {
      setDone(await action());
      void coupons.refetch();
      void rewards.refetch();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <Loaded loading={coupons.loading} error={coupons.error}>
      {() => (
        <>
          <Notice>{error}</Notice>
          <Notice kind="success">{done}</Notice>
          <Card title="我的积分">
            <p>可用积分 {coupons.data?.me?.points?.balance ?? 0}</p>
          </Card>
          <Card title="我的优惠券">
            <ul className="bank-list">
              {(coupons.data?.me?.coupons ?? []).map((coupon) => (
                <li key={coupon.id}>
                  {coupon.title} <Amount value={coupon.faceValue.amount} />（{COUPON_STATUS[coupon.status] ?? coupon.status}）
                </li>
              ))}
            </ul>
            {coupons.data?.me?.coupons?.length ? null : <p>暂无优惠券</p>}
          </Card>
          {campaigns.data?.campaigns?.length ? (
            <Card title="领券活动">
              <ul className="bank-list">
                {campaigns.data.campaigns.map((campaign) => (
                  <li key={campaign.id}>
                    {campaign.title}{' '}
                    <Button
                      variant="secondary"
                      aria-label={`领取：${campaign.title}`}
                      onClick={() =>
                        void run(async () => {
                          const { data } = await claim({ variables: { campaignId: campaign.id } });
                          return `已领取：${data?.claimCoupon.title ?? campaign.title}`;
                        })
                      }
                    >
                      领取
                    </Button>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          <Card title="积分兑换">
            <ul className="bank-list">
              {(rewards.data?.rewards ?? []).map((reward) => (
                <li key={reward.id}>
                  {reward.title}（{reward.pointsCost} 积分）{' '}
                  <Button
                    variant="secondary"
                    disabled={!reward.available}
                    aria-label={`兑换：${reward.title}`}
                    onClick={() =>
                      void run(async () => {
                        const { data } = await redeem({
                          variables: { rewardId: reward.id, idempotencyKey: newIdempotencyKey('h5-redeem') },
                        });
                        return `兑换成功，剩余积分 ${data?.redeemPoints.balanceAfter ?? ''}`;
                      })
                    }
                  >
                    兑换
                  </Button>
                </li>
              ))}
            </ul>
          </Card>
        </>
      )}
    </Loaded>
  );
}
