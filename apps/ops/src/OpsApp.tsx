/**
 * The operations console: sign-in, then the screens the staff member's roles allow — operators the
 * activity, behavior and reconciliation screens, risk analysts and admins the risk decisions and rule
 * changes, admins the audit log — and a link to the Grafana dashboard for technical metrics.
 */
import { lazy, Suspense, useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router-dom';
import type { BankClient } from '../../shared/client';
import { Button, PageLayout } from '../../shared/components';
import { SignIn } from './SignIn';
import { hasAnyRole, ROLE_NAMES, rolesOf, type StaffRole } from './staffRoles';

// The screens load on first visit: the sign-in page needs neither them nor ECharts.
const AuditLog = lazy(() => import('./screens/AuditLog').then((module) => ({ default: module.AuditLog })));
const Behavior = lazy(() => import('./screens/Behavior').then((module) => ({ default: module.Behavior })));
const Overview = lazy(() => import('./screens/Overview').then((module) => ({ default: module.Overview })));
const Reconciliation = lazy(() => import('./screens/Reconciliation').then((module) => ({ default: module.Reconciliation })));
const RiskDecisions = lazy(() => import('./screens/RiskDecisions').then((module) => ({ default: module.RiskDecisions })));
const RiskRules = lazy(() => import('./screens/RiskRules').then((module) => ({ default: module.RiskRules })));

/**
 * Where the technical metrics live: the Grafana dashboard `deploy/grafana-dashboard.json` (uid
 * bank-platform), by default behind the same host at /grafana/; a deployment sets VITE_GRAFANA_URL
 * at build time when Grafana lives elsewhere.
 */
export const GRAFANA_DASHBOARD_URL: string = import.meta.env.VITE_GRAFANA_URL || '/grafana/d/bank-platform/bank-platform';

interface Screen {
  path: string;
  name: string;
  roles: readonly StaffRole[];
  render: (roles: readonly StaffRole[]) => ReactNode;
}

export const SCREENS: readonly Screen[] = [
  { path: 'overview', name: '活跃概览', roles: ['OPERATOR'], render: () => <Overview /> },
  { path: 'behavior', name: '行为分析', roles: ['OPERATOR'], render: () => <Behavior /> },
  { path: 'reconciliation', name: '日终对账', roles: ['OPERATOR'], render: () => <Reconciliation /> },
  { path: 'risk', name: '风险决策', roles: ['RISK_ANALYST', 'ADMIN'], render: () => <RiskDecisions /> },
  { path: 'rules', name: '风险规则', roles: ['OPERATOR', 'RISK_ANALYST', 'ADMIN'], render: (roles) => <RiskRules roles={roles} /> },
  { path: 'audit', name: '审计日志', roles: ['ADMIN'], render: () => <AuditLog /> },
];

function useAccessToken(bank: BankClient): string | undefined {
  return useSyncExternalStore(
    (listener) => bank.session.subscribe(listener),
    () => bank.session.get().accessToken,
  );
}

export function OpsApp({ bank }: { bank: BankClient }) {
  const accessToken = useAccessToken(bank);
  if (!accessToken) return <SignIn bank={bank} />;
  return <Console bank={bank} roles={rolesOf(accessToken)} />;
}

function Console({ bank, roles }: { bank: BankClient; roles: readonly StaffRole[] }) {
  const screens = SCREENS.filter((screen) => hasAnyRole(roles, screen.roles));
  const navigation = (
    <ul>
      {screens.map((screen) => (
        <li key={screen.path}>
          <NavLink to={`/${screen.path}`}>{screen.name}</NavLink>
        </li>
      ))}
      <li>
        <a href={GRAFANA_DASHBOARD_URL} target="_blank" rel="noreferrer">
          技术监控（Grafana，新窗口）
        </a>
      </li>
    </ul>
  );
  const actions = (
    <>
      <span>{roles.map((role) => ROLE_NAMES[role]).join('、') || '无角色'}</span>
      <Button variant="secondary" onClick={() => void bank.signOut()}>
        退出登录
      </Button>
    </>
  );
  return (
    <Routes>
      {screens.map((screen) => (
        <Route
          key={screen.path}
          path={`/${screen.path}`}
          element={
            <PageLayout brand="农商银行 · 运营管理平台" title={screen.name} navigation={navigation} actions={actions}>
              <Suspense fallback={<p role="status">正在加载…</p>}>{screen.render(roles)}</Suspense>
            </PageLayout>
          }
        />
      ))}
      <Route
        path="*"
        element={
          screens[0] ? (
            <Navigate to={`/${screens[0].path}`} replace />
          ) : (
            <PageLayout brand="农商银行 · 运营管理平台" title="运营管理平台" actions={actions}>
              <p>您的账号没有可用的运营功能，请联系管理员分配角色。</p>
            </PageLayout>
          )
        }
      />
    </Routes>
  );
}
