import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import type { NotificationInstance } from 'antd/es/notification/interface';
import i18n from '../i18n';
import { ApiError } from './client';

/**
 * The one place where server errors become UI: field errors on a form when the problem names fields
 * the form holds, otherwise a message (short) or a notification (with the list of issues).
 */

let ui: { message: MessageInstance; notification: NotificationInstance } | null = null;

/** Installed by <FeedbackBridge/> inside antd's <App> so messages follow the theme and locale. */
export function bindFeedback(message: MessageInstance, notification: NotificationInstance): void {
  ui = { message, notification };
}

export function notifySuccess(text: string): void {
  void ui?.message.success(text);
}

/** "principal.idNumber" or "sectors/0" → ['principal', 'idNumber'] / ['sectors', 0]. */
export function problemPathToName(path: string): (string | number)[] {
  return path
    .split(/[./]/)
    .filter(Boolean)
    .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

const key = (name: (string | number)[]) => name.join('.');

function registeredFields(form: FormInstance): Set<string> {
  return new Set(form.getFieldsError().map((f) => key(f.name as (string | number)[])));
}

export function showApiError(error: unknown, form?: FormInstance): void {
  const t = i18n.t.bind(i18n);
  if (!ui) return;
  if (!(error instanceof ApiError)) {
    if (error instanceof DOMException && error.name === 'AbortError') return;
    void ui.message.error(t('errors.unknown'));
    return;
  }
  const p = error.problem;
  if (p.status === 0) {
    void ui.message.error(t('errors.network'));
    return;
  }
  // The redirect to the login page is already under way.
  if (p.status === 401 && !form) return;

  const leftovers: string[] = [];
  if (p.errors?.length) {
    const known = form ? registeredFields(form) : new Set<string>();
    const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const e of p.errors) {
      const name = problemPathToName(e.path);
      if (form && known.has(key(name))) {
        const entry = byField.get(key(name)) ?? { name, errors: [] };
        entry.errors.push(e.message);
        byField.set(key(name), entry);
      } else leftovers.push(e.path && e.path !== 'body' ? `${e.path}: ${e.message}` : e.message);
    }
    if (form && byField.size) {
      form.setFields([...byField.values()]);
      const first = [...byField.values()][0];
      if (first) form.scrollToField(first.name, { block: 'center' });
    }
    if (!leftovers.length && byField.size) {
      void ui.message.error(p.detail || t('errors.validation'));
      return;
    }
  }

  const text = p.detail || p.title || t('errors.http', { status: p.status });
  // A stale version or a duplicate the form cannot show: say what happened, not which field.
  if (p.status === 409) {
    ui.notification.warning({ title: p.title || t('errors.conflict'), description: text });
    return;
  }
  if (leftovers.length) {
    ui.notification.error({
      title: text,
      description: (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {leftovers.slice(0, 10).map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      ),
    });
    return;
  }
  if (p.status === 403) {
    void ui.message.error(p.detail || t('errors.forbidden'));
    return;
  }
  void ui.message.error(text);
}
