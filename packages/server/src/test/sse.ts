import assert from 'node:assert/strict';

/** What the tests read of a pushed alarm event (GET /api/alarms/stream, `event: alarm`). */
export interface PushedAlarm {
  alarmId: string;
  kind: string;
  status: string;
  tag: string;
  enterpriseName?: string;
  unit?: string;
}

/** An open SSE connection to the alarm stream, collecting its `alarm` events until closed. */
export async function openAlarmStream(base: string, cookie: string, defaultWaitMs = 5000) {
  const ctl = new AbortController();
  const res = await fetch(`${base}/api/alarms/stream`, { headers: { cookie }, signal: ctl.signal });
  assert.equal(res.status, 200);
  const events: PushedAlarm[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.includes('event: alarm') && data) events.push(JSON.parse(data.slice(6)) as PushedAlarm);
      }
    }
  })().catch(() => undefined);
  return {
    events,
    /** The kinds pushed for one alarm, in order. */
    kinds: (alarmId: string) => events.filter((e) => e.alarmId === alarmId).map((e) => e.kind),
    /** The first event matching `pred`, waiting for it up to `ms`. */
    async until(pred: (e: PushedAlarm) => boolean, ms = defaultWaitMs) {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        const e = events.find(pred);
        if (e) return e;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no such event; got ${JSON.stringify(events)}`);
    },
    async close() {
      ctl.abort();
      await pump;
    },
  };
}
