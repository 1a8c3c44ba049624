import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/context';
import { OrgDirectory } from './directory';

declare module 'fastify' {
  interface FastifyInstance {
    orgs: OrgDirectory;
  }
}

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: '组织机构（市、旗区、安委办、行业部门）Organisations',
        querystring: z.object({
          kind: z.enum(['city', 'district', 'office', 'department']).optional(),
          region: z
            .string()
            .regex(/^1506\d\d$/, '区划代码应为1506开头的6位数字')
            .optional(),
        }),
      },
    },
    async (req) => {
      requireActor(req);
      const { kind, region } = req.query;
      const items = app.orgs.list.filter(
        (o) => (!kind || o.kind === kind) && (!region || o.regionCode === region),
      );
      return { items };
    },
  );
};
