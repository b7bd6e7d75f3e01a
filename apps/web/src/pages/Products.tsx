/** Products with suitability: the catalogue, a product (its risk level against my grade), buying a wealth product, the risk questionnaire. */
import { useMutation, useQuery } from '@apollo/client/react';
import {
  AccountsDocument,
  ConfirmOrderDocument,
  ProductDetailDocument,
  ProductsDocument,
  RiskQuestionnaireDocument,
  SignAgreementDocument,
  SubmitRiskQuestionnaireDocument,
  SubscribeWealthProductDocument,
} from '@documents';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Amount, Button, Card, Field, Notice, SelectField } from '../../../shared/components';
import { graphQLErrorsOf } from '../../../shared/client';
import { errorCodeOf, errorMessage } from '../../../shared/errors';
import { formatMoney, parseAmountInput } from '../../../shared/money';
import { newIdempotencyKey, useWeb } from '../context';
import { StepUp } from '../StepUp';
import { ACCOUNT_CLASS_NAMES, Loaded } from './common';

const KIND_NAMES: Record<string, string> = { WEALTH: '理财', DEPOSIT: '存款', LOAN: '贷款', CREDIT_CARD: '信用卡' };
const RISK_LEVEL_NAMES: Record<string, string> = {
  R1: 'R1 低风险',
  R2: 'R2 中低风险',
  R3: 'R3 中风险',
  R4: 'R4 中高风险',
  R5: 'R5 高风险',
};
const GRADE_NAMES: Record<string, string> = { C1: 'C1 保守型', C2: 'C2 稳健型', C3: 'C3 平衡型', C4: 'C4 成长型', C5: 'C5 进取型' };

export function ProductsPage() {
  const { data, loading, error } = useQuery(ProductsDocument, { variables: { first: 50, filter: { channel: 'WEB' } } });
  const risk = useQuery(RiskQuestionnaireDocument);
  const assessment = risk.data?.me?.riskAssessment;
  return (
    <Loaded loading={loading} error={error}>
      {() => (
        <>
          <Card title="我的风险承受能力">
            {assessment && !assessment.expired ? (
              <p>评估结果：{GRADE_NAMES[assessment.grade] ?? assessment.grade}</p>
            ) : (
              <p>您尚未完成风险测评，或测评已过期。</p>
            )}
            <Link to="/products/risk">{assessment ? '重新测评' : '开始风险测评'}</Link>
          </Card>
          <table className="bank-table">
            <caption className="bank-hint">在售产品</caption>
            <thead>
              <tr>
                <th scope="col">产品</th>
                <th scope="col">类别</th>
                <th scope="col">风险等级</th>
                <th scope="col">参考收益率/利率</th>
                <th scope="col">起购金额</th>
              </tr>
            </thead>
            <tbody>
              {data?.products.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    <Link to={`/products/${node.id}`}>{node.name}</Link>
                  </td>
                  <td>{KIND_NAMES[node.kind] ?? node.kind}</td>
                  <td>{RISK_LEVEL_NAMES[node.riskLevel] ?? node.riskLevel}</td>
                  <td>{node.rate}%</td>
                  <td>{node.minAmount ? <Amount value={node.minAmount.amount} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Loaded>
  );
}

export function ProductPage() {
  const { productId = '' } = useParams();
  const { tracker } = useWeb();
  const { data, loading, error } = useQuery(ProductDetailDocument, { variables: { id: productId } });
  const risk = useQuery(RiskQuestionnaireDocument);
  const accounts = useQuery(AccountsDocument);
  const [subscribe, { loading: buying }] = useMutation(SubscribeWealthProductDocument);
  const [confirmOrder] = useMutation(ConfirmOrderDocument);
  const [signAgreement] = useMutation(SignAgreementDocument);
  const [amountText, setAmount] = useState('');
  const [sourceAccountId, setSource] = useState('');
  const [failure, setFailure] = useState('');
  const [done, setDone] = useState('');
  const [waiting, setWaiting] = useState<{ orderId: string; amount: string; source: string; methods: readonly string[] } | undefined>();
  useEffect(() => tracker.productView(productId, 'product'), [productId, tracker]);

  const product = data?.product;
  const ownAccounts = (accounts.data?.accounts ?? []).filter((account) => account.status === 'ACTIVE');
  const source = sourceAccountId || ownAccounts[0]?.id || '';

  const [agreement, setAgreement] = useState<string | undefined>();
  async function signAndBuy(event: FormEvent) {
    if (!agreement) return;
    try {
      await signAgreement({ variables: { templateCode: agreement } });
      setAgreement(undefined);
      await buy(event, true);
    } catch (error_) {
      setFailure(errorMessage(error_));
    }
  }

  async function buy(event: FormEvent, retried = false) {
    event.preventDefault();
    setFailure('');
    setDone('');
    const amount = parseAmountInput(amountText);
    if (!product || !amount) return setFailure('请输入正确的购买金额');
    try {
      const { data: bought } = await subscribe({
        variables: { input: { productId: product.id, sourceAccountId: source, amount, idempotencyKey: newIdempotencyKey('web-buy') } },
      });
      const answer = bought?.subscribeWealthProduct;
      if (answer?.challenge) setWaiting({ orderId: answer.order.id, amount, source, methods: answer.challenge.methods });
      else if (answer?.holding) setDone(`购买成功：${answer.holding.productName} ${formatMoney(answer.holding.amount.amount, '¥')}`);
      else setDone('购买已受理');
    } catch (error_) {
      const code = errorCodeOf(error_);
      const agreementCode = graphQLErrorsOf(error_)[0]?.extensions?.agreementCode;
      if (code === 'AGREEMENT_REQUIRED' && typeof agreementCode === 'string' && !retried) setAgreement(agreementCode);
      setFailure(errorMessage(error_));
    }
  }

  async function confirmWith(token: string) {
    if (!waiting) return;
    try {
      const { data: confirmed } = await confirmOrder({ variables: { orderId: waiting.orderId, challengeToken: token } });
      setWaiting(undefined);
      if (confirmed?.confirmOrder.order.status === 'COMPLETED') setDone('购买成功');
      else setFailure(`购买未成功：${confirmed?.confirmOrder.order.failureReason ?? ''}`);
    } catch (error_) {
      setFailure(errorMessage(error_));
    }
  }

  return (
    <Loaded loading={loading} error={error}>
      {() =>
        product ? (
          <>
            <Notice>{failure}</Notice>
            <Notice kind="success">{done}</Notice>
            <Card title={product.name}>
              <p>{product.description}</p>
              <dl>
                <dt>类别</dt>
                <dd>{KIND_NAMES[product.kind] ?? product.kind}</dd>
                <dt>风险等级</dt>
                <dd>{RISK_LEVEL_NAMES[product.riskLevel] ?? product.riskLevel}</dd>
                <dt>参考收益率/利率</dt>
                <dd>{product.rate}%</dd>
                {product.minAmount ? (
                  <>
                    <dt>起购金额</dt>
                    <dd>
                      <Amount value={product.minAmount.amount} />
                    </dd>
                  </>
                ) : null}
                {product.suitability ? (
                  <>
                    <dt>适当性要求</dt>
                    <dd>
                      客户风险等级不低于 {GRADE_NAMES[product.suitability.minimumGrade] ?? product.suitability.minimumGrade}
                      {risk.data?.me?.riskAssessment
                        ? `（您的等级：${GRADE_NAMES[risk.data.me.riskAssessment.grade] ?? risk.data.me.riskAssessment.grade}）`
                        : '（您尚未测评）'}
                    </dd>
                  </>
                ) : null}
              </dl>
            </Card>
            {product.kind === 'WEALTH' ? (
              waiting ? (
                <StepUp
                  purpose="PURCHASE"
                  methods={waiting.methods}
                  context={{ orderId: waiting.orderId, amount: waiting.amount, sourceAccountId: waiting.source }}
                  onVerified={(token) => void confirmWith(token)}
                  onCancel={() => setWaiting(undefined)}
                />
              ) : (
                <Card title="购买">
                  <form onSubmit={(event) => void buy(event)} noValidate>
                    <SelectField
                      label="付款账户"
                      name="source"
                      value={source}
                      onChange={(event) => setSource(event.target.value)}
                      options={ownAccounts.map((account) => ({
                        value: account.id,
                        label: `${ACCOUNT_CLASS_NAMES[account.accountClass]} ${account.maskedNumber}（可用 ${formatMoney(account.availableBalance.amount, '¥')}）`,
                      }))}
                    />
                    <Field
                      label="购买金额（元）"
                      name="amount"
                      inputMode="decimal"
                      value={amountText}
                      onChange={(event) => setAmount(event.target.value)}
                    />
                    <div className="bank-row">
                      <Button type="submit" busy={buying} data-track="product-buy">
                        购买
                      </Button>
                      {agreement ? (
                        <Button variant="secondary" onClick={(event) => void signAndBuy(event)}>
                          同意产品销售服务协议并购买
                        </Button>
                      ) : null}
                    </div>
                  </form>
                </Card>
              )
            ) : (
              <p>该产品请前往网点或手机银行办理。</p>
            )}
            <Link to="/products">返回产品列表</Link>
          </>
        ) : (
          <Notice>产品不存在</Notice>
        )
      }
    </Loaded>
  );
}

export function RiskQuestionnairePage() {
  const { data, loading, error } = useQuery(RiskQuestionnaireDocument);
  const [submit, { data: result, loading: submitting }] = useMutation(SubmitRiskQuestionnaireDocument);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState('');
  const questionnaire = data?.riskQuestionnaire;
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure('');
    if (!questionnaire) return;
    if (questionnaire.questions.some((question) => !answers[question.code])) return setFailure('请回答全部问题');
    try {
      await submit({
        variables: {
          input: {
            questionnaireVersion: questionnaire.version,
            answers: questionnaire.questions.map((question) => ({ questionCode: question.code, optionCode: answers[question.code]! })),
          },
        },
      });
    } catch (error_) {
      setFailure(errorMessage(error_));
    }
  }
  if (result)
    return (
      <Card title="测评结果">
        <Notice kind="success">
          您的风险承受能力：{GRADE_NAMES[result.submitRiskQuestionnaire.grade] ?? result.submitRiskQuestionnaire.grade}（
          {result.submitRiskQuestionnaire.score} 分）
        </Notice>
        <Link to="/products">查看适合您的产品</Link>
      </Card>
    );
  return (
    <Loaded loading={loading} error={error}>
      {() =>
        questionnaire ? (
          <form onSubmit={(event) => void onSubmit(event)}>
            <Notice>{failure}</Notice>
            <p>{questionnaire.title}</p>
            {questionnaire.questions.map((question, index) => (
              <fieldset key={question.code} className="bank-card">
                <legend>
                  {index + 1}. {question.text}
                </legend>
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
            <Button type="submit" busy={submitting}>
              提交测评
            </Button>
          </form>
        ) : null
      }
    </Loaded>
  );
}
