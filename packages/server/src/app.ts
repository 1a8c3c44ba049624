import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Database } from './db/connect';
import { registerProblemHandler, sendProblem } from './http/problem';
import { registerAuthHook } from './auth/auth.hook';
import { authRoutes } from './auth/auth.routes';
import { healthRoutes } from './health/health.routes';
import { organizationRoutes } from './organizations/organizations.routes';
import { OrgDirectory } from './organizations/directory';
import { enterpriseRoutes } from './enterprises/enterprises.routes';
import { enterpriseExcelRoutes } from './enterprises/excel.routes';
import { userRoutes } from './users/users.routes';
import { tokenRoutes } from './tokens/tokens.routes';
import { auditRoutes } from './audit/audit.routes';
import { fileRoutes } from './files/files.routes';
import { notificationRoutes } from './notifications/notifications.routes';
import { hazardRoutes } from './hazards/hazards.routes';
import { hazardExcelRoutes } from './hazards/hazards-excel.routes';
import { criteriaRoutes } from './criteria/criteria.routes';
import { supervisionRoutes } from './supervision/supervision.routes';
import { statsRoutes } from './stats/stats.routes';
import { reportRoutes } from './reports/reports.routes';
import { internalReportRoutes } from './reports/internal.routes';
import { IdentityVault } from './reports/identity';
import { permitRoutes } from './permits/permits.routes';
import { permitWorkerRoutes } from './permits/workers.routes';
import { permitPublicRoutes } from './permits/permits.public';
import { monitoringRoutes } from './monitoring/monitoring.routes';
import { coverageRoutes } from './monitoring/coverage.routes';
import { alarmHazardRoutes } from './monitoring/alarm-hazard.routes';
import { powerRoutes } from './monitoring/power.routes';
import { Ingest } from './monitoring/ingest';
import { suspendPermitsForGasAlarm } from './permits/permits.service';
import { GatewayDirectory } from './monitoring/gateways';
import { AlarmFeed } from './monitoring/alarm-feed';

export interface AppDeps {
  config: Config;
  database: Database;
  logger?: Logger;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Builds the Fastify app: plugins, error shape, OpenAPI, every feature's routes, the web at `/`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const fastify = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger as unknown as FastifyBaseLogger } : { logger: false }),
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && /^[\w-]{1,64}$/.test(h) ? h : randomUUID();
    },
    bodyLimit: 2 * 1024 * 1024,
    // Only behind a known proxy may X-Forwarded-For decide the client address (rate limits, audit IPs).
    trustProxy: deps.config.TRUST_PROXY,
    ajv: { customOptions: { allErrors: true } },
  }) as unknown as FastifyInstance;
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.decorate('deps', deps);
  app.decorate('orgs', await OrgDirectory.load(deps.database.db));
  // With an external broker several instances may split one telemetry stream: point state is then
  // re-read under a row lock at each commit instead of being trusted from memory.
  const ingest = new Ingest(deps.database.db, deps.logger, { shared: !!deps.config.MQTT_URL });
  ingest.gasAlarm = (enterpriseId, zone, alarm) =>
    suspendPermitsForGasAlarm(deps.database.db, enterpriseId, zone, alarm);
  app.decorate('ingest', ingest);
  // Live alarm push across instances: PostgreSQL LISTEN/NOTIFY (in-process on PGlite).
  const alarmFeed = new AlarmFeed(deps.database, ingest, deps.logger);
  ingest.announce = (trx, changes) => alarmFeed.notify(trx, changes);
  app.decorate('alarmFeed', alarmFeed);
  app.addHook('onReady', async () => alarmFeed.start());
  app.addHook('onClose', async () => alarmFeed.close());
  app.decorate('gateways', new GatewayDirectory(deps.database.db));
  // Readings waiting for their group commit are written before the database closes.
  app.addHook('onClose', async () => ingest.close());
  app.decorate(
    'identityVault',
    deps.config.NODE_ENV === 'test' ? IdentityVault.forTests() : IdentityVault.fromConfig(deps.config),
  );
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  registerProblemHandler(fastify);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        // Served over plain HTTP on a LAN as often as behind TLS: never rewrite requests to https.
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '治本 zhiben API',
        description:
          '鄂尔多斯市安全生产治本攻坚平台开放接口 — city-level safety-production governance API. ' +
          'Authenticate with the session cookie from POST /api/auth/login, or `Authorization: Bearer <API token>`.',
        version: deps.config.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'zb_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuthHook(fastify);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(organizationRoutes);
  await app.register(enterpriseRoutes);
  await app.register(enterpriseExcelRoutes);
  await app.register(userRoutes);
  await app.register(tokenRoutes);
  await app.register(auditRoutes);
  await app.register(fileRoutes);
  await app.register(notificationRoutes);
  await app.register(criteriaRoutes);
  await app.register(hazardRoutes);
  await app.register(hazardExcelRoutes);
  await app.register(supervisionRoutes);
  await app.register(statsRoutes);
  await app.register(reportRoutes);
  await app.register(internalReportRoutes);
  await app.register(permitWorkerRoutes);
  await app.register(permitRoutes);
  await app.register(permitPublicRoutes);
  await app.register(monitoringRoutes);
  await app.register(coverageRoutes);
  await app.register(alarmHazardRoutes);
  await app.register(powerRoutes);

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    // Single-page app: unknown non-API GETs that accept HTML get index.html.
    if (
      req.method === 'GET' &&
      !req.url.startsWith('/api/') &&
      !req.url.startsWith('/assets/') &&
      existsSync(WEB_DIST)
    ) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendProblem(reply, req, 'not_found', `接口不存在: ${req.method} ${req.url}`);
  });
  return fastify;
}
