/** Mobile H5 (one build per channel: MOBILE_APP, WECHAT_MINI, WECHAT_BANKING, ALIPAY_MINI). A placeholder page for now. */
import { documentIds } from '@documents';
import { createBankClient } from '../../shared/client';
import { mountApp } from '../../shared/bootstrap';
import { PageLayout } from '../../shared/components';

const CHANNEL_NAMES: Record<string, string> = {
  MOBILE_APP: '手机银行',
  WECHAT_MINI: '微信小程序',
  WECHAT_BANKING: '微信银行',
  ALIPAY_MINI: '支付宝小程序',
};

const bank = createBankClient({ channel: __BANK_CHANNEL__, documentIds, clientVersion: __BANK_APP_VERSION__ });
mountApp(
  bank,
  <PageLayout brand={`农商银行 · ${CHANNEL_NAMES[__BANK_CHANNEL__] ?? __BANK_CHANNEL__}`} title="欢迎使用">
    <p>移动端页面建设中。</p>
  </PageLayout>,
);
