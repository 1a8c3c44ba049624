import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';

/** An antd rule that validates one field with a zod schema, so forms and server share one limit. */
export function zodRule(schema: z.ZodType, prepare: (value: unknown) => unknown = (v) => v): Rule {
  return {
    validator: async (_rule, value) => {
      const r = schema.safeParse(prepare(value));
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '无效');
    },
  };
}

/** Empty inputs mean "not given" for zod defaults. */
export const emptyToUndefined = (v: unknown) => (v === null || v === '' ? undefined : v);

/** Puts every zod issue on its field; returns false when there were issues. */
export function applyZodIssues(form: FormInstance, issues: readonly z.core.$ZodIssue[]): boolean {
  if (!issues.length) return true;
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of issues) {
    const name = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  const first = [...byField.values()][0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return false;
}
