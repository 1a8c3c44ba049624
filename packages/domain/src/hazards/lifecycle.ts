/**
 * The hazard lifecycle as a pure state machine (issue 3, item 3; domain-facts §5.5):
 * reported → rectifying → pending_acceptance → closed, or reported → dismissed; reject sends a submission
 * back to rectifying; a 回头看 finding fake rectification reopens a closed hazard.
 * Two tracks decide who acts: general hazards an enterprise finds itself (general + self_check) are
 * confirmed and closed by the enterprise (principal or safety manager); everything else is confirmed by
 * the responsible department or the district office, and signed off by the responsible department only.
 */
import { MS_PER_DAY } from './calendar';
import {
  HAZARD_ACTION_SCHEMAS,
  OPEN_HAZARD_STATES,
  hazardActionName,
  hazardStateName,
  type ActorRelation,
  type Decision,
  type HazardAction,
  type HazardActionInput,
  type HazardPatch,
  type HazardSnapshot,
  type HazardState,
  type Supervision,
} from './lifecycle-schemas';

const BY_STATE: Record<HazardState, readonly HazardAction[]> = {
  reported: ['confirm', 'dismiss', 'supervise'],
  rectifying: ['submit', 'request-extension', 'approve-extension', 'deny-extension', 'supervise'],
  pending_acceptance: ['accept', 'reject', 'supervise'],
  closed: ['recheck'],
  dismissed: [],
};

/** Actions the hazard's state allows for anyone: one extension request may be pending at a time. */
export function actionsInState(h: HazardSnapshot): HazardAction[] {
  return BY_STATE[h.status].filter((a) => {
    if (a === 'request-extension') return h.pendingExtension === null;
    if (a === 'approve-extension' || a === 'deny-extension') return h.pendingExtension !== null;
    return true;
  });
}

/** General hazards an enterprise finds itself are confirmed and closed by the enterprise itself. */
export function isSelfManaged(h: Pick<HazardSnapshot, 'grade' | 'source'>): boolean {
  return h.grade === 'general' && h.source === 'self_check';
}

const manager = (w: ActorRelation) =>
  (w.role === 'enterprise_principal' || w.role === 'enterprise_safety') && w.ownEnterprise;
const principal = (w: ActorRelation) => w.role === 'enterprise_principal' && w.ownEnterprise;
const inspector = (w: ActorRelation) => w.role === 'inspector' && w.responsibleDepartment;
const districtOffice = (w: ActorRelation) => w.role === 'district_office' && w.districtOffice;
const cityOffice = (w: ActorRelation) => w.role === 'city_office' && w.cityOffice;

const WHO = {
  manager: '本企业主要负责人或安全管理员',
  principal: '本企业主要负责人',
  inspector: '负有监管职责的部门监管人员',
  judge: '负有监管职责的部门监管人员或隐患所在旗区安委办',
  offices: '市安委办或隐患所在旗区安委办',
  recheck: '负有监管职责的部门监管人员、隐患所在旗区安委办或市安委办',
};

/** Who may press an action on this hazard, and how to say it in Chinese. */
function rule(h: HazardSnapshot, action: HazardAction): { may: (w: ActorRelation) => boolean; who: string } {
  const self = isSelfManaged(h);
  switch (action) {
    case 'confirm':
    case 'dismiss':
      return self
        ? { may: manager, who: WHO.manager }
        : { may: (w) => inspector(w) || districtOffice(w), who: WHO.judge };
    case 'submit':
    case 'request-extension':
      return { may: manager, who: WHO.manager };
    case 'accept':
    case 'reject':
      // Sign-off (销号) stays with the responsible department: offices do not sign off.
      return self ? { may: manager, who: WHO.manager } : { may: inspector, who: WHO.inspector };
    case 'approve-extension':
    case 'deny-extension':
      return self ? { may: principal, who: WHO.principal } : { may: inspector, who: WHO.inspector };
    case 'supervise':
      return { may: (w) => cityOffice(w) || districtOffice(w), who: WHO.offices };
    case 'recheck':
      return { may: (w) => inspector(w) || districtOffice(w) || cityOffice(w), who: WHO.recheck };
  }
}

/** Whether this actor's role and relation let them press the action (the state is not checked). */
export function mayPerform(h: HazardSnapshot, action: HazardAction, who: ActorRelation): boolean {
  // sysadmin is a technical role: it administers the platform and takes no part in the workflow.
  if (who.sysadmin || who.role === 'sysadmin') return false;
  return rule(h, action).may(who);
}

/** Actions this actor may press now: the web shows exactly these buttons. */
export function allowedActions(h: HazardSnapshot, who: ActorRelation): HazardAction[] {
  return actionsInState(h).filter((a) => mayPerform(h, a, who));
}

/** Open (reported, rectifying, pending acceptance) and past the deadline. Convention: strict, so at the deadline it is not yet overdue. */
export function isOverdue(h: Pick<HazardSnapshot, 'status' | 'deadline'>, now: Date): boolean {
  if (!OPEN_HAZARD_STATES.includes(h.status) || h.deadline === null) return false;
  return now.getTime() > Date.parse(h.deadline);
}

/** Whole days past the deadline, floor((now − deadline) / 24 h); 0 when not overdue. */
export function daysOverdue(h: Pick<HazardSnapshot, 'status' | 'deadline'>, now: Date): number {
  if (!isOverdue(h, now)) return 0;
  return Math.floor((now.getTime() - Date.parse(h.deadline!)) / MS_PER_DAY);
}

function invalidState(h: HazardSnapshot, action: HazardAction): Decision {
  const allowed = actionsInState(h);
  const list = allowed.length
    ? `当前状态下可执行：${allowed.map(hazardActionName).join('、')}。`
    : '当前状态下没有可执行的操作。';
  let why = '';
  if (h.status === 'rectifying' && (action === 'approve-extension' || action === 'deny-extension'))
    why = '（没有待审批的延期申请）';
  if (h.status === 'rectifying' && action === 'request-extension') why = '（已有待审批的延期申请）';
  return {
    ok: false,
    error: 'invalid_state',
    state: h.status,
    allowed,
    message: `隐患当前状态为“${hazardStateName(h.status)}”${why}，不能执行“${hazardActionName(action)}”。${list}`,
  };
}

type Issue = { path: string; message: string };
const later = (a: string, b: string | Date) =>
  Date.parse(a) > (b instanceof Date ? b.getTime() : Date.parse(b));

/**
 * Decides an action on a hazard, purely: the state first (409 invalid_state), then who is acting (403
 * forbidden), then the input (400 invalid). On success it returns the new state, the fields to change
 * and the event for the audit chain; the server persists them.
 */
export function decideHazardAction(
  h: HazardSnapshot,
  action: HazardAction,
  who: ActorRelation,
  input: unknown,
  now: Date,
): Decision {
  if (!actionsInState(h).includes(action)) return invalidState(h, action);
  if (!mayPerform(h, action, who)) {
    const message =
      who.sysadmin || who.role === 'sysadmin'
        ? '系统管理员是技术角色，不参与隐患处置流程'
        : `无权执行“${hazardActionName(action)}”：该操作只能由${rule(h, action).who}执行`;
    return { ok: false, error: 'forbidden', message };
  }
  const parsed = HAZARD_ACTION_SCHEMAS[action].safeParse(input ?? {});
  if (!parsed.success)
    return {
      ok: false,
      error: 'invalid',
      errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    };
  const errors: Issue[] = [];
  const result = apply(h, action, parsed.data, who, now, errors);
  if (errors.length) return { ok: false, error: 'invalid', errors };
  return {
    ok: true,
    to: result.to,
    patch: result.patch,
    event: { action, from: h.status, to: result.to, data: result.data },
  };
}

function apply(
  h: HazardSnapshot,
  action: HazardAction,
  raw: unknown,
  who: ActorRelation,
  now: Date,
  errors: Issue[],
): { to: HazardState; patch: HazardPatch; data: Record<string, unknown> } {
  const at = now.toISOString();
  const future = (value: string | undefined, path: string, label: string) => {
    if (value !== undefined && !later(value, now)) errors.push({ path, message: `${label}必须晚于当前时间` });
  };
  switch (action) {
    case 'confirm': {
      const i = raw as HazardActionInput<'confirm'>;
      future(i.deadline, 'deadline', '整改期限');
      const deadline = i.deadline ?? h.deadline;
      if (deadline === null) errors.push({ path: 'deadline', message: '确认隐患时必须设定整改期限' });
      return { to: 'rectifying', patch: { deadline }, data: { ...i, deadline } };
    }
    case 'dismiss':
      return { to: 'dismissed', patch: {}, data: raw as HazardActionInput<'dismiss'> };
    case 'submit': {
      const i = raw as HazardActionInput<'submit'>;
      const withdrawn = h.pendingExtension !== null;
      return {
        to: 'pending_acceptance',
        patch: withdrawn ? { pendingExtension: null } : {},
        data: withdrawn ? { ...i, extensionWithdrawn: true } : i,
      };
    }
    case 'accept':
      return {
        to: 'closed',
        patch: { closedAt: at, acceptedBy: who.userId ?? null },
        data: raw as HazardActionInput<'accept'>,
      };
    case 'reject': {
      const i = raw as HazardActionInput<'reject'>;
      future(i.deadline, 'deadline', '新的整改期限');
      const rejections = h.rejections + 1;
      const patch: HazardPatch = i.deadline ? { rejections, deadline: i.deadline } : { rejections };
      return { to: 'rectifying', patch, data: { ...i, rejections } };
    }
    case 'request-extension': {
      const i = raw as HazardActionInput<'request-extension'>;
      if (h.deadline !== null && !later(i.newDeadline, h.deadline))
        errors.push({ path: 'newDeadline', message: '延期后的整改期限必须晚于当前整改期限' });
      else future(i.newDeadline, 'newDeadline', '延期后的整改期限');
      const pendingExtension = { newDeadline: i.newDeadline, reason: i.reason, requestedAt: at };
      return { to: h.status, patch: { pendingExtension }, data: { ...i, currentDeadline: h.deadline } };
    }
    case 'approve-extension': {
      const pe = h.pendingExtension!;
      return {
        to: h.status,
        patch: { deadline: pe.newDeadline, pendingExtension: null },
        data: { ...(raw as object), previousDeadline: h.deadline, newDeadline: pe.newDeadline },
      };
    }
    case 'deny-extension':
      return {
        to: h.status,
        patch: { pendingExtension: null },
        data: { ...(raw as object), requestedDeadline: h.pendingExtension!.newDeadline },
      };
    case 'supervise': {
      const i = raw as HazardActionInput<'supervise'>;
      future(i.deadline, 'deadline', '督办期限');
      const supervision: Supervision = {
        body: i.supervisingBody,
        deadline: i.deadline,
        at,
        ...(i.note ? { note: i.note } : {}),
      };
      return {
        to: h.status,
        patch: { supervised: true, supervision },
        data: { ...i, relisted: h.supervised },
      };
    }
    case 'recheck': {
      const i = raw as HazardActionInput<'recheck'>;
      if (i.result === 'confirmed') return { to: 'closed', patch: { recheckedAt: at }, data: i };
      // 虚假整改: reopened like an accident investigation, with the accountability record in the event.
      future(i.deadline, 'deadline', '重新整改期限');
      const reopens = (h.reopens ?? 0) + 1;
      const patch: HazardPatch = { closedAt: null, acceptedBy: null, reopens, recheckedAt: at };
      if (i.deadline) patch.deadline = i.deadline;
      return { to: 'rectifying', patch, data: { ...i, reopened: true, reopens } };
    }
  }
}
