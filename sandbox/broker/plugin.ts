/**
 * The Broker API as one Fastify plugin: bodies reach the handlers as raw streams (so uploads go to
 * disk as they arrive and the gates, not the framework, decide 415), multipart for the
 * initialize-and-upload, and the security headers of every answer (CONTRACT.md §1).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { RouteContext } from './context.js';
import { adminRoutes } from './routes-admin.js';
import { downloadRoutes } from './routes-download.js';
import { transferRoutes } from './routes-transfer.js';
import { tusRoutes } from './routes-tus.js';
import { uploadRoutes } from './routes-upload.js';

export async function brokerPlugin(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  await app.register(multipart, { limits: { fileSize: Number.MAX_SAFE_INTEGER, parts: 1000 } });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'no-store');
    if (
      ctx.broker.deps.faults.on('error-code-renamed') &&
      typeof payload === 'string' &&
      payload.includes('"code":"BRO-')
    ) {
      return payload.replace('"code":"BRO-', '"errorCode":"BRO-');
    }
    return payload;
  });
  // §2.3: an unknown route is an empty 404.
  app.setNotFoundHandler((_request, reply) => reply.code(404).send());

  transferRoutes(app, ctx);
  uploadRoutes(app, ctx);
  tusRoutes(app, ctx);
  downloadRoutes(app, ctx);
  adminRoutes(app, ctx);
}
