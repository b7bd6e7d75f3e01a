/**
 * A subgraph's answer after its body was read in full: what Apollo's data source needs of a
 * fetch `Response` (status, headers, text/json), without a stream per response. The body is one
 * Buffer, so an answer shared by identical in-flight queries (sharedQueryFetches) hands each
 * caller its own response over the same bytes instead of copying them.
 */
import type { FetcherResponse } from '@apollo/utils.fetcher';

export class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  private used = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly body: Buffer,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  async text(): Promise<string> {
    this.consume();
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.consume();
    return this.body.buffer.slice(this.body.byteOffset, this.body.byteOffset + this.body.byteLength) as ArrayBuffer;
  }

  /** Another reader of the same answer (the bytes are never written to, so they are shared). */
  clone(): BufferedResponse {
    return new BufferedResponse(this.url, this.status, this.statusText, new Headers(this.headers), this.body);
  }

  /** As with fetch: a body is read once; a second read is a bug in the caller, not an empty body. */
  private consume(): void {
    if (this.used) throw new TypeError('Body has already been read');
    this.used = true;
  }
}
