/** The operations console (OPS channel): staff sign in with a TOTP code and see the screens their roles allow. */
import { documentIds } from '@documents';
import { createBankClient } from '../../shared/client';
import { mountApp } from '../../shared/bootstrap';
import { OpsApp } from './OpsApp';
import './ops.css';

const bank = createBankClient({ channel: 'OPS', documentIds, clientVersion: __BANK_APP_VERSION__ });
mountApp(bank, <OpsApp bank={bank} />);
