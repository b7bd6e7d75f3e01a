/** The sign-in screen's frame: the channel's layout, a way back after sign-in, and the link to registration. */
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { PageLayout } from '../../../shared/components';
import { useH5, useSignedIn } from '../context';

/** Keeps the tokens a sign-in answered and goes where the customer was headed (or `to`). */
export function useSignedInWith(): (tokens: { accessToken: string; refreshToken?: string | null }, to?: string) => void {
  const { bank, channel } = useH5();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/home';
  return (tokens, to) => {
    // The refresh token stays in memory on the app channels; on WECHAT_BANKING it is the gateway's HttpOnly cookie.
    bank.session.set({
      accessToken: tokens.accessToken,
      refreshToken: channel.cookieSession ? undefined : (tokens.refreshToken ?? undefined),
    });
    navigate(to ?? from, { replace: true });
  };
}

export function SignInScreen({ children, redirect = true }: { children: ReactNode; redirect?: boolean }) {
  const { channel } = useH5();
  const signedIn = useSignedIn();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/home';
  if (signedIn && redirect) return <Navigate to={from} replace />;
  return (
    <PageLayout brand={`农商银行 · ${channel.name}`} title={`登录${channel.name}`}>
      {children}
      <p>
        还没有账户？<Link to="/register">注册并开户</Link>
      </p>
    </PageLayout>
  );
}
