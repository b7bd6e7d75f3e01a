/** Coupons and points: campaigns to claim a coupon from, my coupons, the points balance and rewards to redeem. */
import { useMutation, useQuery } from '@apollo/client/react';
import { CampaignsDocument, ClaimCouponDocument, MyCouponsDocument, RedeemPointsDocument, RewardsDocument } from '@documents';
import { useState } from 'react';
import { Amount, Button, Card, Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { newIdempotencyKey } from '../context';
import { formatTime, Loaded } from './common';

const COUPON_STATUS_NAMES: Record<string, string> = { CLAIMED: '可使用', REDEEMED: '已使用', EXPIRED: '已过期' };

export function RewardsPage() {
  const campaigns = useQuery(CampaignsDocument);
  const coupons = useQuery(MyCouponsDocument);
  const rewards = useQuery(RewardsDocument);
  const [claim] = useMutation(ClaimCouponDocument);
  const [redeem] = useMutation(RedeemPointsDocument);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | undefined>();
  const act = (work: Promise<unknown>, success: string) =>
    void work
      .then(() => setMessage({ kind: 'success', text: success }))
      .catch((failure: unknown) => setMessage({ kind: 'error', text: errorMessage(failure) }))
      .finally(() => {
        void coupons.refetch();
        void rewards.refetch();
      });
  return (
    <Loaded loading={coupons.loading} error={coupons.error}>
      {() => (
        <>
          {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
          <Card title="我的积分">
            <p>积分余额：{coupons.data?.me?.points?.balance ?? 0}</p>
          </Card>
          <Card title="我的优惠券">
            {coupons.data?.me?.coupons?.length ? (
              <ul>
                {coupons.data.me.coupons.map((coupon) => (
                  <li key={coupon.id}>
                    {coupon.title}：<Amount value={coupon.faceValue.amount} />
                    {coupon.minimumSpend ? (
                      <>
                        （满 <Amount value={coupon.minimumSpend.amount} /> 可用）
                      </>
                    ) : null}{' '}
                    {COUPON_STATUS_NAMES[coupon.status] ?? coupon.status}，{formatTime(coupon.expiresAt)} 到期
                  </li>
                ))}
              </ul>
            ) : (
              <p>暂无优惠券</p>
            )}
          </Card>
          <Card title="活动">
            {campaigns.data?.campaigns?.length ? (
              <ul>
                {campaigns.data.campaigns.map((campaign) => (
                  <li key={campaign.id} className="bank-row">
                    <span>
                      <strong>{campaign.title}</strong> {campaign.description}
                    </span>
                    <Button
                      variant="secondary"
                      onClick={() => act(claim({ variables: { campaignId: campaign.id } }), '领取成功')}
                      aria-label={`领取“${campaign.title}”优惠券`}
                    >
                      领取优惠券
                    </Button>
                  </li>
                ))}
              </ul>
            ) : (
              <p>暂无活动</p>
            )}
          </Card>
          <Card title="积分兑换">
            {rewards.data?.rewards?.length ? (
              <ul>
                {rewards.data.rewards.map((reward) => (
                  <li key={reward.id} className="bank-row">
                    <span>
                      {reward.title}（{reward.pointsCost} 积分，剩余 {reward.stock}）
                    </span>
                    <Button
                      variant="secondary"
                      disabled={!reward.available}
                      onClick={() =>
                        act(redeem({ variables: { rewardId: reward.id, idempotencyKey: newIdempotencyKey('web-redeem') } }), '兑换成功')
                      }
                      aria-label={`兑换“${reward.title}”`}
                    >
                      兑换
                    </Button>
                  </li>
                ))}
              </ul>
            ) : (
              <p>暂无可兑换的奖品</p>
            )}
          </Card>
        </>
      )}
    </Loaded>
  );
}
