/**
 * Products: the catalogue this channel sells (the product center answers the caller's channel's own),
 * a product's detail with its suitability, subscribing to a wealth product (the risk grade must match,
 * a step-up when the risk check asks), and the risk questionnaire.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import {
  AccountsDocument,
  ConfirmOrderDocument,
  ProductDetailDocument,
  ProductsDocument,
  RiskQuestionnaireDocument,
  SubmitRiskQuestionnaireDocument,
  SubscribeWealthProductDocument,
} from '@documents';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Amount, Button, Card, Field, Notice, SelectField } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { formatMoney, parseAmountInput } from '../../../shared/money';
import { newIdempotencyKey, useH5 } from '../context';
import { StepUp } from '../StepUp';
import { accountLabel, Loaded } from './common';

export const KIND_NAMES: Record<string, string> = { WEALTH: '理财', TIME_DEPOSIT: '定期存款', LOAN: '贷款', CREDIT_CARD: '信用卡' };
const GRADE_NAMES: Record<string, string> = { C1: '保守型', C2: '稳健型', C3: '平衡型', C4: '成长型', C5: '进取型' };

export function ProductsPage() {
  const { channel, tracker } = useH5();
  const products = useQuery(ProductsDocument, { variables: { first: 50 } });
  return (
    <Loaded loading={products.loading} error={products.error}>
      {() => {
        const list = products.data?.products.edges.map((edge) => edge.node) ?? [];
        return (
          <>
            <p>
              以下为{channel.name}在售产品（共 {list.length} 款）。<Link to="/products/risk">风险测评</Link>
            </p>
            {list.map((product) => (
              <Card key={product.id} title={product.name}>
                <p>
                  {KIND_NAMES[product.kind] ?? product.kind} · 风险等级 {product.riskLevel ?? '—'}
                  {product.rate ? ` · 参考年化 ${product.rate}%` : ''}
                  {product.termDays ? ` · 期限 ${product.termDays} 天` : ''}
                  {product.minAmount ? (
                    <>
                      {' '}
                      · 起购 <Amount value={product.minAmount.amount} />
                    </>
                  ) : null}
                </p>
                <Link
                  to={`/products/${product.id}`}
                  aria-label={`${product.name} 详情`}
                  onClick={() => tracker.click(`product-${product.code}`, 'products')}
                >
                  查看详情
                </Link>
              </Card>
            ))}
          </>
        );
      }}
    </Loaded>
  );
}

export function ProductPage() {
  const { productId = '' } = useParams();
  const { tracker } = useH5();
  const detail = useQuery(ProductDetailDocument, { variables: { id: productId } });
  useEffect(() => tracker.productView(productId, 'product'), [productId, tracker]);
  return (
    <Loaded loading={detail.loading} error={detail.error}>
      {() => {
        const product = detail.data?.product;
        if (!product) return <Notice>该产品不存在或本渠道不在售</Notice>;
        return (
          <>
            <Card title={product.name}>
              <p>{product.description}</p>
              <ul className="bank-list">
                <li>类型：{KIND_NAMES[product.kind] ?? product.kind}</li>
                <li>风险等级：{product.riskLevel ?? '—'}</li>
                {product.rate ? <li>参考年化：{product.rate}%</li> : null}
                {product.minAmount ? (
                  <li>
                    起购金额：
                    <Amount value={product.minAmount.amount} />
                  </li>
                ) : null}
                {product.suitability ? (
                  <li>
                    适合人群：风险承受能力{' '}
                    {GRADE_NAMES[product.suitability.minimumGrade ?? ''] ?? product.suitability.minimumGrade ?? '不限'} 及以上
                    {product.suitability.requiresRiskAssessment ? '（需有效风险测评）' : ''}
                  </li>
                ) : null}
              </ul>
            </Card>
            {product.kind === 'WEALTH' ? <Subscribe productId={product.id} productName={product.name} /> : null}
          </>
        );
      }}
    </Loaded>
  );
}

function Subscribe({ productId, productName }: { productId: string; productName: string }) {
  const accounts = useQuery(AccountsDocument);
  const [subscribe, { loading }] = useMutation(SubscribeWealthProductDocument);
  const [confirmOrder] = useMutation(ConfirmOrderDocument);
  const [amountText, setAmount] = useState('');
  const [sourceAccountId, setSource] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [waiting, setWaiting] = useState<{ orderId: string; amount: string; source: string; methods: readonly string[] }>();
  const own = (accounts.data?.accounts ?? []).filter((account) => account.status === 'ACTIVE');
  const source = sourceAccountId || own[0]?.id || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    setDone('');
    const amount = parseAmountInput(amountText);
    if (!amount) return setError('请输入正确的金额（最多两位小数）');
    try {
      const { data } = await subscribe({
        variables: { input: { productId, sourceAccountId: source, amount, idempotencyKey: newIdempotencyKey('h5-buy') } },
      });
      const answer = data?.subscribeWealthProduct;
      if (answer?.challenge) setWaiting({ orderId: answer.order.id, amount, source, methods: answer.challenge.methods });
      else if (answer?.order.status === 'COMPLETED') setDone(`购买成功：${productName} ${formatMoney(amount, '¥')}`);
      else setError(`购买未成功：${answer?.order.failureReason ?? ''}`);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function confirmWith(token: string) {
    if (!waiting) return;
    try {
      const { data } = await confirmOrder({ variables: { orderId: waiting.orderId, challengeToken: token } });
      if (data?.confirmOrder.order.status === 'COMPLETED') setDone(`购买成功：${productName} ${formatMoney(waiting.amount, '¥')}`);
      else setError(`购买未成功：${data?.confirmOrder.order.failureReason ?? ''}`);
      setWaiting(undefined);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <>
      <Notice>{error}</Notice>
      <Notice kind="success">{done}</Notice>
      {waiting ? (
        <StepUp
          purpose="PURCHASE"
          methods={waiting.methods}
          context={{ orderId: waiting.orderId, amount: waiting.amount, sourceAccountId: waiting.source }}
          onVerified={(token) => void confirmWith(token)}
          onCancel={() => setWaiting(undefined)}
        />
      ) : (
        <Card title="购买">
          <form onSubmit={(event) => void submit(event)} noValidate>
            <SelectField
              label="付款账户"
              name="source"
              value={source}
              onChange={(event) => setSource(event.target.value)}
              options={own.map((account) => ({ value: account.id, label: accountLabel(account) }))}
            />
            <Field
              label="购买金额（元）"
              name="buyAmount"
              inputMode="decimal"
              value={amountText}
              onChange={(event) => setAmount(event.target.value)}
            />
            <Button type="submit" busy={loading}>
              确认购买
            </Button>
          </form>
        </Card>
      )}
    </>
  );
}

export function RiskQuestionnairePage() {
  const questionnaire = useQuery(RiskQuestionnaireDocument);
  const [submitAnswers, { loading }] = useMutation(SubmitRiskQuestionnaireDocument);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [result, setResult] = useState('');
  const navigate = useNavigate();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const current = questionnaire.data?.riskQuestionnaire;
    if (!current) return;
    if (current.questions.some((question) => !answers[question.code])) return setError('请回答全部问题');
    try {
      const { data } = await submitAnswers({
        variables: {
          input: {
            questionnaireVersion: current.version,
            answers: current.questions.map((question) => ({ questionCode: question.code, optionCode: answers[question.code]! })),
          },
        },
      });
      if (data)
        setResult(`测评完成：您的风险承受能力为 ${GRADE_NAMES[data.submitRiskQuestionnaire.grade] ?? data.submitRiskQuestionnaire.grade}`);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <Loaded loading={questionnaire.loading} error={questionnaire.error}>
      {() => {
        const current = questionnaire.data?.riskQuestionnaire;
        const assessment = questionnaire.data?.me?.riskAssessment;
        return (
          <>
            {assessment ? (
              <p>
                当前测评结果：{GRADE_NAMES[assessment.grade] ?? assessment.grade}
                {assessment.expired ? '（已过期，请重新测评）' : ''}
              </p>
            ) : null}
            <Notice>{error}</Notice>
            {result ? (
              <>
                <Notice kind="success">{result}</Notice>
                <Button onClick={() => navigate('/products')}>返回理财产品</Button>
              </>
            ) : current ? (
              <form onSubmit={(event) => void submit(event)} noValidate>
                {current.questions.map((question) => (
                  <fieldset key={question.code} className="bank-card">
                    <legend>{question.text}</legend>
                    {question.options.map((option) => (
                      <div key={option.code} className="bank-check">
                        <input
                          type="radio"
                          id={`${question.code}-${option.code}`}
                          name={question.code}
                          value={option.code}
                          checked={answers[question.code] === option.code}
                          onChange={() => setAnswers((previous) => ({ ...previous, [question.code]: option.code }))}
                        />
                        <label htmlFor={`${question.code}-${option.code}`}>{option.text}</label>
                      </div>
                    ))}
                  </fieldset>
                ))}
                <Button type="submit" busy={loading}>
                  提交测评
                </Button>
              </form>
            ) : null}
          </>
        );
      }}
    </Loaded>
  );
}
