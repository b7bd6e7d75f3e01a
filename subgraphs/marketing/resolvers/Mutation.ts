import { assertOwnedBy, currentCustomerId, actingCustomerOf } from '../../kit/authorization';
import { ErrorCode, bankError, badInput, notFound } from '../../../platform/errors';
import { isUniqueViolation } from '../../kit/database/uniqueViolation';
import { money, parseAmountToFen } from '../../kit/money';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { linkAnonymousEvents, storeBatch, validateBatch } from '../service/behavior';
import { assertBehaviorConsent } from '../service/behaviorConsent';
import { salesChannelOf } from '../service/channel';
import { claimCoupon } from '../service/claims';
import { findSegments } from '../service/eligibility';
import { sendSmsCopy, storeMessage } from '../service/messages';
import { handleOrderEvent } from '../service/orderEvents';
import { PointsError, recordPointsEntry } from '../service/points';
import { redeemCoupon } from '../service/redemption';
import { releaseCoupon } from '../service/couponRelease';

const ID = /^[A-Za-z0-9_\-:.]{1,64}$/;

export const Mutation: MutationResolvers = {
  trackEvents: async (_parent, { events }, { identity, prisma, clock, behaviorConsent }) => {
    // Attribution is the gateway's channel, never the client's say-so; services do not track.
    if (identity.kind !== 'gateway') throw bankError(ErrorCode.Forbidden, '仅限渠道调用');
    const tracker = { channel: identity.channel, customerId: identity.userId, now: clock.now() };
    validateBatch(events, tracker);
    // A signed-in customer's events are theirs: stored only with their consent. Before sign-in the
    // channel's SDK holds the device's own consent; the center cannot see it.
    if (tracker.customerId) await assertBehaviorConsent(tracker.customerId, behaviorConsent, tracker.now.getTime());
    const accepted = await storeBatch(prisma, events, tracker);
    return { accepted, duplicates: events.length - accepted };
  },

  claimCoupon: async (_parent, { campaignId }, { identity, prisma, clock, campaignsById }) => {
    const customerId = currentCustomerId(identity);
    const campaign = await campaignsById.load(campaignId);
    if (!campaign) throw notFound('活动不存在');
    return claimCoupon(
      prisma,
      campaign,
      { id: customerId, channel: salesChannelOf(identity), segments: await findSegments(prisma, customerId) },
      clock.now(),
    );
  },

  markMessageRead: async (_parent, { id }, { identity, prisma, clock, log }) => {
    const message = await prisma.message.findUnique({ where: { id } });
    if (!message) throw notFound('消息不存在');
    assertOwnedBy(identity, message.customerId, log, 'Message');
    if (message.readAt) return message;
    return prisma.message.update({ where: { id }, data: { readAt: clock.now() } });
  },

  linkAnonymousEvents: (_parent, { anonymousId }, { identity, prisma }) => {
    const customerId = actingCustomerOf(identity);
    if (!ID.test(anonymousId)) throw badInput('匿名编号无效', ['anonymousId']);
    return linkAnonymousEvents(prisma, anonymousId, customerId);
  },

  redeemCoupon: async (_parent, { couponId, orderId, amount }, { identity, prisma, clock }) => {
    const customerId = actingCustomerOf(identity);
    if (!ID.test(orderId)) throw badInput('订单编号无效', ['orderId']);
    const amountFen = parseAmountToFen(amount, ['amount']);
    const coupon = await redeemCoupon(prisma, { couponId, customerId, orderId, amountFen, now: clock.now() });
    return { couponId: coupon.id, orderId, discount: money(coupon.faceValue < amountFen ? coupon.faceValue : amountFen) };
  },

  releaseCoupon: async (_parent, { couponId, orderId }, { identity, prisma }) => {
    const customerId = actingCustomerOf(identity);
    if (!ID.test(orderId)) throw badInput('订单编号无效', ['orderId']);
    if (!ID.test(couponId)) throw badInput('优惠券编号无效', ['couponId']);
    return { couponId, orderId, released: await releaseCoupon(prisma, { couponId, customerId, orderId }) };
  },

  recordOrderEvent: async (_parent, { event }, { prisma, clock, sms, log }) => {
    if (!ID.test(event.eventId)) throw badInput('事件编号无效', ['event', 'eventId']);
    if (!ID.test(event.orderId)) throw badInput('订单编号无效', ['event', 'orderId']);
    const amountFen = parseAmountToFen(event.amount, ['event', 'amount'], { allowZero: true });
    const outcome = await handleOrderEvent(prisma, { ...event, amountFen }, clock.now());
    if (outcome.notice) {
      // After the commit: an SMS outage must not undo the points or the inbox message.
      await sendSmsCopy(prisma, sms, outcome.notice, clock.now()).catch((error: unknown) =>
        log.warn({ err: error }, 'balance-change SMS not sent'),
      );
    }
    return { eventId: event.eventId, duplicate: outcome.duplicate, pointsAwarded: outcome.pointsAwarded };
  },

  spendPoints: async (_parent, { points, reference }, { identity, prisma, clock }) => {
    const customerId = actingCustomerOf(identity);
    if (!Number.isSafeInteger(points) || points <= 0) throw badInput('积分必须为正整数', ['points']);
    if (!ID.test(reference)) throw badInput('业务编号无效', ['reference']);
    try {
      const balance = await recordPointsEntry(prisma, { customerId, delta: -points, reason: '积分抵扣', reference, at: clock.now() });
      return { balance, updatedAt: clock.now() };
    } catch (error) {
      if (error instanceof PointsError && error.reason === 'INSUFFICIENT_POINTS')
        throw bankError(ErrorCode.InsufficientPoints, '积分不足', { field: ['points'] });
      if (isUniqueViolation(error)) throw bankError(ErrorCode.IdempotencyConflict, '该业务已使用过积分', { field: ['reference'] });
      throw error;
    }
  },

  deliverMessage: async (_parent, { input }, { identity, prisma, clock, sms }) => {
    const customerId = actingCustomerOf(identity);
    if (!input.title || input.title.length > 100) throw badInput('标题长度 1–100', ['input', 'title']);
    if (!input.body || input.body.length > 1000) throw badInput('内容长度 1–1000', ['input', 'body']);
    if (!ID.test(input.dedupeKey)) throw badInput('去重键无效', ['input', 'dedupeKey']);
    const { message, created } = await storeMessage(
      prisma,
      { customerId, kind: input.kind, title: input.title, body: input.body, dedupeKey: input.dedupeKey },
      clock.now(),
    );
    if (created && input.sms) await sendSmsCopy(prisma, sms, message, clock.now());
    return message;
  },
};
