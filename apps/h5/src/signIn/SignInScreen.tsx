/** The sign-in screen's frame: the channel's layout, a way back after sign-in, and the link to registration. */
import { useState, type ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { PageLayout } from '../../../shared/components';
import { useH5 } from '../context';

/** Keeps the tokens a sign-in answered and goes where the customer was headed (or `to`). */
export function useSignedInWith(): (tokens: { accessToken: string; refreshToken?: string | null }, to?: string) => void {
  const { bank } = useH5();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/home';
  return (tokens, to) => {
    // Both tokens stay in memory (no H5 channel has the refresh cookie): a reload signs the customer out.
    bank.session.set({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? undefined });
    navigate(to ?? from, { replace: true });
  };
}

export function SignInScreen({ children }: { children: ReactNode }) {
  const { bank, channel } = useH5();
  // Only a customer already signed in when the screen opens is sent on at once: a sign-in made here
  // navigates itself (to where the customer was headed, or e.g. /bind), and must not race this redirect.
  const [arrivedSignedIn] = useState(() => Boolean(bank.session.get().accessToken));
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/home';
  if (arrivedSignedIn) return <Navigate to={from} replace />;
  return (
    <PageLayout brand={`农商银行 · ${channel.name}`} title={`登录${channel.name}`}>
      {children}
      <p>
        还没有账户？<Link to="/register">注册并开户</Link>
      </p>
    </PageLayout>
  );
}
