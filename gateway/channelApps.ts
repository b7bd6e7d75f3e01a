/**
 * Development only: the gateway serves the channel apps' build output (apps/dist, `npm run build:apps`)
 * on its own port — `/web/`, `/h5/` (an index of the four channel builds, each under
 * `/h5/<channel-slug>/`) and `/ops/` — so `npm start` is one address for everything. Production hosts the
 * static files on a web server or CDN; a production gateway never serves them (GatewayOptions.channelApps
 * is ignored unless the `channelApps` development feature is on).
 *
 * Static-file rules: GET and HEAD only; the path is decoded once and must stay inside the app's folder
 * (no `..`, no NUL, no dot-files, symbolic links resolved and checked); content types by extension;
 * Vite's hashed files under `assets/` are immutable for a year, everything else is revalidated; a path
 * without a file falls back to the app's index.html (client-side routes), but a missing asset is a 404.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The URL prefixes served, each with its folder under the build output. */
const APP_PREFIXES = ['web', 'h5', 'ops'] as const;
/** A hashed build file: `assets/<name>-<hash>.<ext>` (Vite's default naming). */
const HASHED_ASSET = /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export type ChannelAppsHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/** A handler that serves `directory`'s apps and answers true, or answers false for any other path (the gateway's own). */
export function channelAppsHandler(directory: string): ChannelAppsHandler {
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const app = APP_PREFIXES.find((prefix) => path === `/${prefix}` || path.startsWith(`/${prefix}/`));
    if (!app) return false;
    if (path === `/${app}`) {
      response.writeHead(301, { location: `/${app}/` }).end();
      return true;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed');
      return true;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(path.slice(1));
    } catch {
      return notFound(response);
    }
    const segments = relative.split('/');
    if (relative.includes('\0') || relative.includes('\\') || segments.some((segment) => segment === '..' || segment.startsWith('.')))
      return notFound(response);

    const root = safeRealpath(join(directory, app));
    if (!root) return notFound(response);
    const file = resolveFile(root, join(directory, relative)) ?? spaFallback(root, directory, segments);
    if (!file) return notFound(response);
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
      'content-length': String(file.size),
      'x-content-type-options': 'nosniff',
      'cache-control': HASHED_ASSET.test(file.path.split(sep).join('/')) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    response.writeHead(200, headers);
    if (request.method === 'HEAD') response.end();
    else createReadStream(file.path).pipe(response);
    return true;
  };
}

function notFound(response: ServerResponse): true {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  return true;
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The regular file at `candidate` (a folder's index.html), if it resolves inside `root`. */
function resolveFile(root: string, candidate: string): { path: string; size: number } | undefined {
  const real = safeRealpath(candidate);
  if (!real || (real !== root && !real.startsWith(root + sep))) return undefined;
  const stats = statSync(real);
  if (stats.isDirectory()) return resolveFile(root, join(real, 'index.html'));
  return stats.isFile() ? { path: real, size: stats.size } : undefined;
}

/**
 * A client-side route (`/web/transfer`, `/h5/wechat-mini/home`) gets its build's index.html: the app's
 * own, or for /h5/ the channel build named by the first segment. A path that names a file (has an
 * extension) or lies under assets/ is a real miss.
 */
function spaFallback(root: string, directory: string, segments: string[]): { path: string; size: number } | undefined {
  const last = segments[segments.length - 1] ?? '';
  if (extname(last) || segments.includes('assets')) return undefined;
  const app = segments[0]!;
  if (app === 'h5') {
    const channel = segments[1];
    return channel ? resolveFile(root, join(directory, 'h5', channel, 'index.html')) : undefined;
  }
  return resolveFile(root, join(directory, app, 'index.html'));
}
