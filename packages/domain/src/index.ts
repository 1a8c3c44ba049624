import { z } from 'zod';

// Messages people read are Chinese: zod's own messages (where a schema gives none) use zh-CN.
z.config(z.locales.zhCN());

export * from './codes/uscc';
export * from './codes/resident-id';
export * from './org/regions';
export * from './org/sectors';
export * from './org/departments';
export * from './enterprise/industries';
export * from './enterprise/schema';
export * from './access/roles';
export * from './access/actor';
export * from './access/scope';
export * from './access/permissions';
export * from './access/users-policy';
export * from './auth/password-policy';
export * from './hazard-record/schema';
export * from './hazards/calendar';
export * from './hazards/criteria';
export * from './hazards/lifecycle-schemas';
export * from './hazards/lifecycle';
export * from './hazards/escalation';
export * from './hazards/codes';
export * from './hazards/stats';
export * from './reports/reward';
export * from './reports/report';
