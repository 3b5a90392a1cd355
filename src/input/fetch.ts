// http(s) URLs: one GET with a timeout over the whole exchange and a byte limit enforced while streaming.

export type Fetched =
  | { ok: true; bytes: Uint8Array; contentType: string | null; url: string }
  | { ok: false; reason: string };

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

const ACCEPT =
  'application/rss+xml, application/atom+xml, text/html;q=0.9, application/xml;q=0.8, text/plain;q=0.7, */*;q=0.5';

/** Says what went wrong in words a user can act on: DNS, refused connection, timeout, TLS. */
export function networkReason(e: unknown, limits: FetchLimits, host: string): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError')
    return `timed out after ${limits.timeoutMs} ms`;
  const code = err?.cause?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DNS lookup failed for ${host}`;
    case 'ECONNREFUSED':
      return `connection refused by ${host}`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `connection to ${host} was reset`;
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return `timed out after ${limits.timeoutMs} ms`;
    default:
      return `fetch failed: ${err?.cause?.message ?? err?.message ?? String(e)}`;
  }
}

export async function fetchLimited(url: string, limits: FetchLimits): Promise<Fetched> {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { signal, redirect: 'follow', headers: { accept: ACCEPT } });
  } catch (e) {
    return { ok: false, reason: networkReason(e, limits, host) };
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    return { ok: false, reason: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` };
  }
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await res.body?.cancel().catch(() => {});
    return { ok: false, reason: `response is ${declared} bytes, over the limit of ${limits.maxBytes} bytes` };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.length;
        if (total > limits.maxBytes) {
          await reader.cancel().catch(() => {});
          return {
            ok: false,
            reason: `response is more than ${limits.maxBytes} bytes, over the limit of ${limits.maxBytes} bytes`,
          };
        }
        chunks.push(value);
      }
    } catch (e) {
      return { ok: false, reason: networkReason(e, limits, host) };
    }
  }
  return {
    ok: true,
    bytes: Buffer.concat(chunks, total),
    contentType: res.headers.get('content-type'),
    url: res.url || url,
  };
}

/** The charset parameter of a Content-Type, lower-cased, or null. */
export function charsetOf(contentType: string | null): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m ? m[1].toLowerCase() : null;
}
