import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping } from '../db/connect';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        security: [],
        summary: '健康检查 Health',
        response: {
          200: z.object({
            status: z.literal('ok'),
            db: z.enum(['pglite', 'postgres']),
            version: z.string(),
            demo: z.boolean(),
          }),
        },
      },
    },
    async () => {
      await ping(app.deps.database.db);
      return {
        status: 'ok' as const,
        db: app.deps.database.kind,
        version: app.deps.config.version,
        demo: app.deps.config.demo,
      };
    },
  );
};
