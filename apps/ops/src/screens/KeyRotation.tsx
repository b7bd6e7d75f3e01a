/**
 * Admins: start an access-token signing-key rotation (e.g. on suspicion a key leaked). Two steps, so a
 * stray click or key press changes nothing; the rotation is audited (签名密钥轮换).
 */
import { useMutation } from '@apollo/client/react';
import { RotateAccessTokenKeyDocument } from '@documents';
import { useState } from 'react';
import { Button, Card, Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { shanghaiTime } from '../days';

export function KeyRotation({ onRotated }: { onRotated: () => void }) {
  const [rotate, { loading }] = useMutation(RotateAccessTokenKeyDocument);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<string>();
  const [failure, setFailure] = useState<string>();

  async function confirm() {
    setFailure(undefined);
    try {
      const { data } = await rotate();
      const rotation = data?.rotateAccessTokenKey;
      if (rotation) {
        setResult(`新密钥 ${rotation.kid}（第 ${rotation.generation} 代）已发布，将于 ${shanghaiTime(rotation.activatesAt)} 开始签发令牌`);
        onRotated();
      }
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setConfirming(false);
    }
  }

  return (
    <Card title="访问令牌签名密钥">
      <p>轮换后新密钥先发布，待各网关获取后开始签发；旧密钥签发的令牌在到期前仍然有效。</p>
      <Notice kind="success">{result}</Notice>
      <Notice>{failure}</Notice>
      {confirming ? (
        <div className="bank-row" role="group" aria-label="确认轮换签名密钥">
          {/* The confirmation takes the focus the first button had. */}
          <Button variant="danger" busy={loading} autoFocus onClick={() => void confirm()}>
            确认轮换
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            取消
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          轮换签名密钥
        </Button>
      )}
    </Card>
  );
}
