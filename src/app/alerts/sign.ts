import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every webhook POST carries. */
export const SIGNATURE_HEADER = 'X-Listwatch-Signature';

/**
 * The value of `X-Listwatch-Signature` for `body` sent at `unixSeconds`: `t=<seconds>,v1=<hex>` where hex
 * is HMAC-SHA256 with the webhook's secret over `t + "." + body`.
 */
export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  const hex = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${hex}`;
}

/**
 * Checks a signature header against `body` (what a receiver does): true when v1 is the HMAC of
 * `t + "." + body` and, when `toleranceSeconds` is given, `t` is within it of `nowSeconds`.
 */
export function verifySignature(secret: string, header: string | undefined, body: string, nowSeconds?: number, toleranceSeconds?: number): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  const t = Number(m[1]);
  if (toleranceSeconds !== undefined && nowSeconds !== undefined && Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const want = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  const got = Buffer.from(m[2]!);
  return want.length === got.length && timingSafeEqual(want, got);
}
