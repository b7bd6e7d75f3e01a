/**
 * The H5 app: the routes this channel's features define (channels/<CHANNEL>.tsx through `@h5-channel`),
 * the signed-in layout with a tab bar and a menu of every feature, page views for the behavior SDK
 * and the customer's consent applied to it.
 */
import { useQuery } from '@apollo/client/react';
import { BehaviorConsentDocument } from '@documents';
import { useEffect, type ReactNode } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { BehaviorTracker } from '../../behavior-sdk';
import { consentSettled, forgetConsent, settleConsent } from '../../shared/behaviorConsent';
import type { BankClient } from '../../shared/client';
import { Button, PageLayout } from '../../shared/components';
import type { H5Channel } from './channel';
import { H5, useH5, useSignedIn } from './context';

/** The tab bar: these paths when the channel has them, then the full menu. */
const TABS = ['/home', '/transfer', '/bills', '/products'];

export function App({ bank, tracker, channel }: { bank: BankClient; tracker: BehaviorTracker; channel: H5Channel }) {
  return (
    <H5.Provider value={{ bank, tracker, channel }}>
      <AppRoutes />
    </H5.Provider>
  );
}

function AppRoutes() {
  const location = useLocation();
  const { tracker, channel } = useH5();
  useEffect(() => tracker.pageView(location.pathname.replace(/^\//, '') || 'home'), [location.pathname, tracker]);
  const SignIn = channel.signIn;
  return (
    <Routes>
      <Route path="/" element={<Navigate to="/home" replace />} />
      <Route path="/sign-in" element={<SignIn />} />
      {channel.features.map((feature) => (
        <Route
          key={feature.path}
          path={feature.path}
          element={feature.public ? feature.element : <SignedIn title={feature.title} element={feature.element} />}
        />
      ))}
      <Route path="/more" element={<SignedIn title="全部功能" element={<Menu />} />} />
      <Route path="*" element={<Navigate to="/home" replace />} />
    </Routes>
  );
}

function Menu() {
  const { channel } = useH5();
  return (
    <ul className="bank-menu">
      {channel.features
        .filter((feature) => feature.nav && !feature.public)
        .map((feature) => (
          <li key={feature.path}>
            <Link to={feature.path}>{feature.nav}</Link>
          </li>
        ))}
    </ul>
  );
}

/** A signed-in screen in the layout with the tab bar; signed out, the sign-in screen. */
function SignedIn({ title, element }: { title: string; element: ReactNode }) {
  const signedIn = useSignedIn();
  const { bank, tracker, channel } = useH5();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    document.title = `${title} · 农商银行${channel.name}`;
  }, [title, channel]);
  // The behavior SDK follows the customer's consent (the user center's), read once per sign-in (shared/behaviorConsent.ts).
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
    forgetConsent();
    navigate('/sign-in');
  };
  const tabs = TABS.map((path) => channel.features.find((feature) => feature.path === path)).filter((feature) => feature?.nav);
  return (
    <PageLayout
      brand={`农商银行 · ${channel.name}`}
      title={title}
      actions={
        <Button variant="secondary" onClick={() => void signOut()}>
          退出
        </Button>
      }
      navigation={
        <ul className="bank-tabs">
          {tabs.map((feature) => (
            <li key={feature!.path}>
              <NavLink to={feature!.path}>{feature!.nav}</NavLink>
            </li>
          ))}
          <li>
            <NavLink to="/more">更多</NavLink>
          </li>
        </ul>
      }
    >
      {element}
    </PageLayout>
  );
}
