/**
 * Mobile H5: one build per channel (MOBILE_APP as the app's web view, WECHAT_BANKING, WECHAT_MINI,
 * ALIPAY_MINI). `@documents` is the channel's trusted documents and `@h5-channel` its sign-in and
 * feature list, so each build holds only what its channel's manifest allows.
 */
import { channel } from '@h5-channel';
import { documentIds, TrackEventsDocument } from '@documents';
import { createBehaviorTracker } from '../../behavior-sdk';
import { apolloBehaviorTransport, attachToDocument } from '../../behavior-sdk/browser';
import { mountApp } from '../../shared/bootstrap';
import { createBankClient } from '../../shared/client';
import { App } from './App';
import './h5.css';

// No x-client-version: the minimum versions the gateway enforces on the app channels are the native
// clients' (known vulnerable builds); these pages are served fresh from the bank, like web banking.
const bank = createBankClient({ channel: __BANK_CHANNEL__, documentIds });
const tracker = createBehaviorTracker({
  transport: apolloBehaviorTransport(bank.client, TrackEventsDocument),
  storage: window.localStorage,
  namespace: `bank.behavior.${__BANK_CHANNEL__}`,
});
attachToDocument(tracker, () => window.location.pathname.replace(import.meta.env.BASE_URL, '') || 'home');

mountApp(bank, <App bank={bank} tracker={tracker} channel={channel} />);
