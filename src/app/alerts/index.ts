/** Alerts: delivery to signed webhooks (retries, dead letters, replay), e-mail, an Atom feed per watchlist. */
export { deliverPending, deliveries, replayDeliveries, webhookBody, type DeliverOptions, type DeliverResult, type DeliveryRow } from './deliver.js';
export { addHook, removeHook, listHooks } from './hooks.js';
export { signatureHeader, verifySignature, SIGNATURE_HEADER } from './sign.js';
export { alertsAtom } from './feed.js';
export { smtpFromUrl } from './mail.js';
