/** The operations console (OPS channel). A placeholder page for now. */
import { documentIds } from '@documents';
import { createBankClient } from '../../shared/client';
import { mountApp } from '../../shared/bootstrap';
import { PageLayout } from '../../shared/components';

const bank = createBankClient({ channel: 'OPS', documentIds, clientVersion: __BANK_APP_VERSION__ });
mountApp(
  bank,
  <PageLayout brand="农商银行 · 运营管理平台" title="运营管理平台">
    <p>运营管理平台建设中。</p>
  </PageLayout>,
);
