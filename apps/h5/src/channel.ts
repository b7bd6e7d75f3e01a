/**
 * A channel's H5 build is composed from its own file in channels/ (the `@h5-channel` alias each build
 * points at its channel's): its name, its sign-in screen and the features it has. A screen that uses
 * an operation only some channels list lives in a module only those channels' files import, so the
 * other builds never see it (and could not build it: `@documents` lacks the operation there).
 */
import type { ComponentType, ReactNode } from 'react';
import type { MiniProgramBridge } from './miniProgram';

export interface Feature {
  /** Route path under the build's base, e.g. `/transfer`. */
  path: string;
  /** The screen's h1. */
  title: string;
  element: ReactNode;
  /** In the tab bar / menu, with this label. */
  nav?: string;
  /** Shown to signed-out visitors too (sign-in, registration). */
  public?: boolean;
}

export interface H5Channel {
  /** The customer-facing name of the channel, e.g. 微信银行. */
  name: string;
  /** One line on the home screen saying what this channel offers. */
  summary: string;
  signIn: ComponentType;
  /** DeviceInput.platform this build reports. */
  devicePlatform: string;
  /** The mini-program builds: the platform's login code (registration and sign-in need it). */
  miniProgram?: MiniProgramBridge;
  features: readonly Feature[];
}
