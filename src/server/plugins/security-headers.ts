import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The browser's protections on every answer (@fastify/helmet): a Content-Security-Policy that
 * admits only the app's own origin — no inline or foreign scripts, no framing by anyone —,
 * nosniff, no referrer leaving the app, and HSTS when the app is reached over HTTPS (directly
 * or behind a TLS proxy with TRUST_PROXY=1). Styles may be inline: Ant Design writes its
 * CSS-in-JS into <style> elements. Images may be data:/blob: URLs (QR codes, photo previews).
 *
 * helmet itself, its middleware made ONCE: @fastify/helmet calls helmet(options) on every
 * request, which parses the CSP directives again each time (a 20th of the queue page's CPU).
 */
export async function registerSecurityHeaders(app: FastifyInstance, opts: { cookieSecure: boolean }): Promise<void> {
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        workerSrc: ["'self'", 'blob:'],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only over HTTPS (below): over plain http it means nothing, and on localhost it would stick.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    applyHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
  app.addHook('onSend', async (request, reply) => {
    if (opts.cookieSecure || request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}
