/** Routes, the signed-in layout and the session restored from the refresh cookie on load. */
import { useQuery } from '@apollo/client/react';
import { BehaviorConsentDocument } from '@documents';
import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router-dom';
import type { BehaviorTracker } from '../../behavior-sdk';
import type { BankClient } from '../../shared/client';
import { Button, PageLayout } from '../../shared/components';
import { consentSettled, settleConsent } from '../../shared/behaviorConsent';
import { useSignedIn, useWeb, Web } from './context';
import { AccountsPage, HistoryPage } from './pages/Accounts';
import { BillsPage } from './pages/Bills';
import { HomePage } from './pages/Home';
import { InboxPage } from './pages/Inbox';
import { LimitsPage } from './pages/Limits';
import { OpenAccountPage } from './pages/OpenAccount';
import { ProductPage, ProductsPage, RiskQuestionnairePage } from './pages/Products';
import { RegisterPage } from './pages/Register';
import { RewardsPage } from './pages/Rewards';
import { SecurityPage } from './pages/Security';
import { SettingsPage } from './pages/Settings';
import { SignInPage } from './pages/SignIn';
import { TransferPage } from './pages/Transfer';

const NAVIGATION: { to: string; label: string }[] = [
  { to: '/home', label: '首页' },
  { to: '/accounts', label: '账户' },
  { to: '/transfer', label: '转账' },
  { to: '/products', label: '理财' },
  { to: '/bills', label: '生活缴费' },
  { to: '/rewards', label: '优惠与积分' },
  { to: '/inbox', label: '消息' },
  { to: '/limits', label: '限额' },
  { to: '/security', label: '设备与会话' },
  { to: '/settings', label: '设置' },
];

export function App({ bank, tracker }: { bank: BankClient; tracker: BehaviorTracker }) {
  const [restoring, setRestoring] = useState(true);
  useEffect(() => {
    // A reload keeps the session: the HttpOnly refresh cookie gets a new access token.
    void bank.refresh().finally(() => setRestoring(false));
  }, [bank]);
  return (
    <Web.Provider value={{ bank, tracker }}>
      {restoring ? (
        <PageLayout brand="农商银行 · 网上银行" title="正在加载">
          <p role="status">正在加载…</p>
        </PageLayout>
      ) : (
        <AppRoutes />
      )}
    </Web.Provider>
  );
}

function AppRoutes() {
  const location = useLocation();
  const { tracker } = useWeb();
  useEffect(() => tracker.pageView(location.pathname.replace(/^\//, '') || 'home'), [location.pathname, tracker]);
  return (
    <Routes>
      <Route path="/" element={<Navigate to="/home" replace />} />
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/register" element={<RegisterPage />} />
      <Route path="/home" element={<SignedIn title="首页" element={<HomePage />} />} />
      <Route path="/accounts" element={<SignedIn title="我的账户" element={<AccountsPage />} />} />
      <Route path="/accounts/open" element={<SignedIn title="实名认证与开立二类户" element={<OpenAccountPage />} />} />
      <Route path="/accounts/:accountId" element={<SignedIn title="交易明细" element={<HistoryPage />} />} />
      <Route path="/transfer" element={<SignedIn title="转账" element={<TransferPage />} />} />
      <Route path="/products" element={<SignedIn title="理财产品" element={<ProductsPage />} />} />
      <Route path="/products/risk" element={<SignedIn title="风险测评" element={<RiskQuestionnairePage />} />} />
      <Route path="/products/:productId" element={<SignedIn title="产品详情" element={<ProductPage />} />} />
      <Route path="/bills" element={<SignedIn title="生活缴费" element={<BillsPage />} />} />
      <Route path="/rewards" element={<SignedIn title="优惠与积分" element={<RewardsPage />} />} />
      <Route path="/inbox" element={<SignedIn title="消息中心" element={<InboxPage />} />} />
      <Route path="/limits" element={<SignedIn title="交易限额" element={<LimitsPage />} />} />
      <Route path="/security" element={<SignedIn title="设备与会话" element={<SecurityPage />} />} />
      <Route path="/settings" element={<SignedIn title="设置" element={<SettingsPage />} />} />
      <Route path="*" element={<Navigate to="/home" replace />} />
    </Routes>
  );
}

/** A signed-in screen in the layout with the navigation; signed out, the sign-in page. */
function SignedIn({ title, element }: { title: string; element: ReactNode }) {
  const signedIn = useSignedIn();
  const { bank, tracker } = useWeb();
  const location = useLocation();
  useEffect(() => {
    document.title = `${title} · 农商银行网上银行`;
  }, [title]);
  // The behavior SDK follows the customer's consent (the user center's), read once per page load (consent.ts).
  const consent = useQuery(BehaviorConsentDocument, { skip: !signedIn || consentSettled() });
  const granted = consent.data?.me?.behaviorConsent?.granted;
  useEffect(() => {
    if (granted !== undefined && !consentSettled()) settleConsent(tracker, granted);
  }, [granted, tracker]);
  if (!signedIn) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  const signOut = async () => {
    tracker.endSession('sign-out');
    await tracker.flush();
    await bank.signOut();
    // A fresh page load: nothing of the session stays in memory.
    window.location.assign(`${import.meta.env.BASE_URL}sign-in`);
  };
  return (
    <PageLayout
      brand="农商银行 · 网上银行"
      title={title}
      actions={
        <Button variant="secondary" onClick={() => void signOut()}>
          退出登录
        </Button>
      }
      navigation={
        <ul>
          {NAVIGATION.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to}>{item.label}</NavLink>
            </li>
          ))}
        </ul>
      }
    >
      {element}
    </PageLayout>
  );
}
