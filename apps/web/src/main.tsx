/** Web banking (WEB channel). */
import { documentIds } from '@documents';
import { createBankClient } from '../../shared/client';
import { mountApp } from '../../shared/bootstrap';
import { PageLayout } from '../../shared/components';

const bank = createBankClient({ channel: 'WEB', documentIds, clientVersion: __BANK_APP_VERSION__ });
mountApp(
  bank,
  <PageLayout brand="农商银行 · 网上银行" title="网上银行">
    <p>网上银行建设中。</p>
  </PageLayout>,
);
