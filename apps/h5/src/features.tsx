/**
 * The features every H5 channel has (their operations are in all four manifests). A channel's file in
 * channels/ lists these plus its own; pages/ never import a channel-only operation.
 */
import type { Feature } from './channel';
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
import { TransferPage } from './pages/Transfer';

export const home: Feature = { path: '/home', title: '首页', nav: '首页', element: <HomePage /> };
export const accounts: Feature = { path: '/accounts', title: '我的账户', nav: '账户', element: <AccountsPage /> };
export const history: Feature = { path: '/accounts/:accountId', title: '交易明细', element: <HistoryPage /> };
export const openAccount: Feature = { path: '/accounts/open', title: '实名认证与开立二类户', element: <OpenAccountPage /> };
export const transfer: Feature = { path: '/transfer', title: '转账', nav: '转账', element: <TransferPage /> };
export const bills: Feature = { path: '/bills', title: '生活缴费', nav: '生活缴费', element: <BillsPage /> };
export const products: Feature = { path: '/products', title: '理财产品', nav: '理财', element: <ProductsPage /> };
export const product: Feature = { path: '/products/:productId', title: '产品详情', element: <ProductPage /> };
export const risk: Feature = { path: '/products/risk', title: '风险测评', element: <RiskQuestionnairePage /> };
export const rewards: Feature = { path: '/rewards', title: '优惠与积分', nav: '优惠与积分', element: <RewardsPage /> };
export const inbox: Feature = { path: '/inbox', title: '消息中心', nav: '消息', element: <InboxPage /> };
export const limits: Feature = { path: '/limits', title: '交易限额', nav: '限额', element: <LimitsPage /> };
export const security: Feature = { path: '/security', title: '设备与会话', nav: '设备与会话', element: <SecurityPage /> };
export const settings: Feature = { path: '/settings', title: '设置', nav: '设置', element: <SettingsPage /> };
export const register: Feature = { path: '/register', title: '注册并开户', element: <RegisterPage />, public: true };

/** In the order the menu shows them; a channel adds its own after `products`. */
export const BEFORE_PRODUCTS: readonly Feature[] = [home, accounts, history, openAccount, transfer, bills, products, product, risk];
export const AFTER_PRODUCTS: readonly Feature[] = [rewards, inbox, limits, security, settings, register];
