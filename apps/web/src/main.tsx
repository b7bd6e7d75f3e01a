/** Web banking (WEB channel, /web/). */
import { documentIds, TrackEventsDocument } from '@documents';
import { createBehaviorTracker } from '../../behavior-sdk';
import { apolloBehaviorTransport, attachToDocument } from '../../behavior-sdk/browser';
import { mountApp } from '../../shared/bootstrap';
import { createBankClient } from '../../shared/client';
import { App } from './App';

const bank = createBankClient({ channel: 'WEB', documentIds, clientVersion: __BANK_APP_VERSION__ });
const tracker = createBehaviorTracker({
  transport: apolloBehaviorTransport(bank.client, TrackEventsDocument),
  storage: window.localStorage,
  namespace: 'bank.behavior.WEB',
});
attachToDocument(tracker, () => window.location.pathname.replace(/^\/web\/?/, '') || 'home');

mountApp(bank, <App bank={bank} tracker={tracker} />);
