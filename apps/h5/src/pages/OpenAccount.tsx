/**
 * Real-name verification and a class II account: both sides of the ID card and a selfie picked from the
 * phone's files (the user center reads the card and matches the face), the electronic-account agreement,
 * then the account, bound to the customer's own card at this or another bank.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import {
  AgreementTemplateDocument,
  CompleteRealNameVerificationDocument,
  OpenElectronicAccountDocument,
  ReadIdCardDocument,
  SignAgreementDocument,
  type ReadIdCardMutation,
  type Sex,
} from '@documents';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Amount, Button, Card, Field, Notice, SelectField } from '../../../shared/components';
import { errorCodeOf, errorMessage } from '../../../shared/errors';
import { newIdempotencyKey } from '../context';
import { problem } from './common';

type Step = 'identity' | 'agreement' | 'account';
const STEP_NAMES: Record<Step, string> = { identity: '实名认证', agreement: '签署协议', account: '开立账户' };
const AGREEMENT = 'ELECTRONIC_ACCOUNT_SERVICE';
const MAX_PHOTO_BYTES = 1_500_000;

/** A picked image as plain base64 (what the API takes): a JPEG or PNG of at most 1.5 MB. */
function readPhoto(file: File | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!file) return reject(new Error('请选择照片'));
    if (!['image/jpeg', 'image/png'].includes(file.type)) return reject(new Error('请选择 JPG 或 PNG 格式的照片'));
    if (file.size > MAX_PHOTO_BYTES) return reject(new Error('照片不能超过 1.5 MB'));
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('照片读取失败'));
    reader.readAsDataURL(file);
  });
}

export function OpenAccountPage() {
  const [step, setStep] = useState<Step>('identity');
  return (
    <>
      <ol className="bank-steps" aria-label="开户步骤">
        {(Object.keys(STEP_NAMES) as Step[]).map((name) => (
          <li key={name} aria-current={step === name ? 'step' : undefined}>
            {STEP_NAMES[name]}
          </li>
        ))}
      </ol>
      {step === 'identity' ? <IdentityStep onDone={() => setStep('agreement')} /> : null}
      {step === 'agreement' ? <AgreementStep onDone={() => setStep('account')} /> : null}
      {step === 'account' ? <AccountStep /> : null}
    </>
  );
}

function IdentityStep({ onDone }: { onDone(): void }) {
  const [portrait, setPortrait] = useState<File | undefined>();
  const [emblem, setEmblem] = useState<File | undefined>();
  const [selfie, setSelfie] = useState<File | undefined>();
  const [card, setCard] = useState<ReadIdCardMutation['readIdCard'] | undefined>();
  const [sex, setSex] = useState<Sex>('MALE');
  const [error, setError] = useState('');
  const [read, { loading: reading }] = useMutation(ReadIdCardDocument);
  const [complete, { loading: completing }] = useMutation(CompleteRealNameVerificationDocument);

  async function submitCard(event: FormEvent) {
    event.preventDefault();
    setError('');
    try {
      const [portraitSide, emblemSide] = await Promise.all([readPhoto(portrait), readPhoto(emblem)]);
      const { data } = await read({ variables: { input: { portraitSide, emblemSide } } });
      if (data) {
        setCard(data.readIdCard);
        if (data.readIdCard.sex) setSex(data.readIdCard.sex);
      }
    } catch (failure) {
      if (errorCodeOf(failure) === 'ALREADY_VERIFIED') return onDone();
      setError(problem(failure));
    }
  }

  async function submitSelfie(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (!card) return;
    try {
      const photo = await readPhoto(selfie);
      const { data } = await complete({ variables: { input: { verificationId: card.verificationId, selfie: photo, sex } } });
      const result = data?.completeRealNameVerification;
      if (result?.status === 'VERIFIED') onDone();
      else setError(`实名认证未通过：${result?.reason ?? ''}${result?.hints?.length ? `（${result.hints.join('；')}）` : ''}`);
    } catch (failure) {
      setError(problem(failure));
    }
  }

  return (
    <Card title="实名认证">
      <Notice>{error}</Notice>
      {card ? (
        <form onSubmit={(event) => void submitSelfie(event)} noValidate>
          <p>
            已识别身份证 {card.maskedIdNumber}，有效期至 {card.validUntil ?? '长期'}
          </p>
          <SelectField
            label="性别（请核对）"
            name="sex"
            value={sex}
            onChange={(event) => setSex(event.target.value as Sex)}
            options={[
              { value: 'MALE', label: '男' },
              { value: 'FEMALE', label: '女' },
            ]}
          />
          <Field
            label="本人自拍照"
            name="selfie"
            type="file"
            accept="image/jpeg,image/png"
            onChange={(event) => setSelfie(event.target.files?.[0])}
            hint="从相册选择正面清晰的自拍照，JPG 或 PNG，不超过 1.5 MB"
          />
          <Button type="submit" busy={completing}>
            提交人脸比对
          </Button>
        </form>
      ) : (
        <form onSubmit={(event) => void submitCard(event)} noValidate>
          <Field
            label="身份证人像面照片"
            name="portraitSide"
            type="file"
            accept="image/jpeg,image/png"
            onChange={(event) => setPortrait(event.target.files?.[0])}
          />
          <Field
            label="身份证国徽面照片"
            name="emblemSide"
            type="file"
            accept="image/jpeg,image/png"
            onChange={(event) => setEmblem(event.target.files?.[0])}
            hint="从相册选择，JPG 或 PNG，每张不超过 1.5 MB"
          />
          <Button type="submit" busy={reading}>
            识别身份证
          </Button>
        </form>
      )}
    </Card>
  );
}

function AgreementStep({ onDone }: { onDone(): void }) {
  const template = useQuery(AgreementTemplateDocument, { variables: { code: AGREEMENT } });
  const [sign, { loading }] = useMutation(SignAgreementDocument);
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState('');
  const current = template.data?.agreementTemplate;
  const title = current?.title ?? '电子账户服务协议';
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!agreed) return setError('请阅读并勾选同意协议');
    try {
      await sign({ variables: { templateCode: AGREEMENT, version: current?.version } });
      onDone();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  return (
    <Card title={title}>
      <Notice>{error}</Notice>
      {template.error ? <Notice>{errorMessage(template.error)}</Notice> : null}
      <div className="bank-agreement" tabIndex={0} role="document" aria-label="协议内容">
        {current?.content ?? '正在加载…'}
      </div>
      <form onSubmit={(event) => void submit(event)}>
        <div className="bank-check">
          <input id="agree" type="checkbox" checked={agreed} onChange={(event) => setAgreed(event.target.checked)} />
          <label htmlFor="agree">我已阅读并同意《{title}》</label>
        </div>
        <Button type="submit" busy={loading}>
          同意并继续
        </Button>
      </form>
    </Card>
  );
}

function AccountStep() {
  const [number, setNumber] = useState('');
  const [bankName, setBankName] = useState('');
  const [error, setError] = useState('');
  const [key] = useState(() => newIdempotencyKey('h5-open'));
  const [open, { data, loading }] = useMutation(OpenElectronicAccountDocument);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (!/^\d{12,19}$/.test(number)) return setError('请输入 12–19 位本人银行卡号');
    try {
      await open({
        variables: {
          input: { accountClass: 'II', boundAccountNumber: number, boundBankName: bankName.trim() || undefined, idempotencyKey: key },
        },
      });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  const opened = data?.openElectronicAccount;
  if (opened)
    return (
      <Card title="开户成功">
        <Notice kind="success">您的 II 类账户 {opened.maskedNumber} 已开立</Notice>
        <p>
          绑定账户 {opened.boundTo?.bankName ?? ''} {opened.boundTo?.maskedAccountNumber}
          {opened.balanceCap ? (
            <>
              ，余额上限 <Amount value={opened.balanceCap.amount} />
            </>
          ) : null}
        </p>
        <Link to="/home">返回首页</Link>
      </Card>
    );
  return (
    <Card title="开立 II 类账户">
      <Notice>{error}</Notice>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="绑定本人银行卡号"
          name="boundAccountNumber"
          inputMode="numeric"
          value={number}
          onChange={(event) => setNumber(event.target.value.replace(/\s/g, ''))}
          hint="须为您本人名下的 I 类账户或借记卡"
        />
        <Field
          label="开户银行（本行卡可不填）"
          name="boundBankName"
          value={bankName}
          onChange={(event) => setBankName(event.target.value)}
        />
        <Button type="submit" busy={loading}>
          开立账户
        </Button>
      </form>
    </Card>
  );
}
