/** Mounts an app under React's strict mode with its Apollo client, router base and the shared design. */
import { ApolloProvider } from '@apollo/client/react';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import type { BankClient } from './client';
import './design.css';

export function mountApp(bank: BankClient, app: ReactNode): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  // Vite's base (`/web/`, `/h5/wechat-mini/`, `/ops/`) is the router's basename.
  const basename = import.meta.env.BASE_URL.replace(/\/$/, '');
  createRoot(container).render(
    <StrictMode>
      <ApolloProvider client={bank.client}>
        <BrowserRouter basename={basename}>{app}</BrowserRouter>
      </ApolloProvider>
    </StrictMode>,
  );
}
