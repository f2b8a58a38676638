import nodemailer, { type Transporter } from 'nodemailer';
import { ListwatchError } from '../../core/errors.js';

/**
 * An SMTP transport from a URL (`smtp://user:pass@host:port`, `smtps://…`; env LISTWATCH_SMTP_URL)
 * and the From address (LISTWATCH_SMTP_FROM). BAD_INPUT for another scheme.
 */
export function smtpFromUrl(url: string, from = 'listwatch <listwatch@localhost>'): { transport: Transporter; from: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ListwatchError('BAD_INPUT', `SMTP URL "${url}" is not a URL`, { field: 'LISTWATCH_SMTP_URL' });
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new ListwatchError('BAD_INPUT', `SMTP URL "${url}" must start with smtp:// or smtps://`, { field: 'LISTWATCH_SMTP_URL' });
  return { transport: nodemailer.createTransport(url), from };
}
