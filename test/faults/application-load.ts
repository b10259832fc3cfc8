import { randomUUID } from 'node:crypto';

import { SampleForm } from '../support/shared';

const OFFICER = { staffId: 'YJ-OL-001', name: '线上客服 故障测试' };
/** Long enough to ride out a restart of intake; a submission that needs longer has failed. */
const RETRY_FOR_MS = 120_000;
const RETRY_PAUSE_MS = 250;

export interface LoadOptions {
  intakeUrl: string;
  samples: SampleForm[];
  count: number;
  concurrency: number;
  /** Submissions start at this pace, so a fault lands while the load still runs. */
  perSecond: number;
  /** The window clerk's `Authorization`: the load is what a busy hall enters. */
  clerk: Record<string, string>;
}

/** One application as the load saw it. */
export interface Submitted {
  applicationNo: string;
  contactPhone: string;
  /** The answer said accepted: 201 for a hall form, 200 from the window for an online one. */
  acknowledged: boolean;
}

export interface LoadResult {
  sent: number;
  /** Submissions answered 201. */
  created: number;
  submitted: Submitted[];
  /** Submissions or acceptances that never got an answer, with the last thing seen. */
  failures: string[];
  /** Requests that had to be sent again (no answer, or 5xx): the faults the load rode out. */
  retries: number;
}

export interface RunningLoad {
  /** Resolves once `n` submissions have an answer. */
  reached(n: number): Promise<void>;
  /** Submissions answered so far. */
  answered(): number;
  finished: Promise<LoadResult>;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Submits `count` forms, cycling through the samples, `concurrency` at a time, and has a
 * first-contact officer accept the online ones. Every submission carries an Idempotency-Key,
 * so one that lost its answer to a crash is sent again without creating a second application.
 */
export function startLoad(options: LoadOptions): RunningLoad {
  const state = new LoadState(options.count);
  const startedAt = Date.now();
  let next = 0;

  const worker = async () => {
    while (next < options.count) {
      const index = next++;
      await untilScheduled(startedAt + (index * 1000) / options.perSecond);
      await submitOne(options, options.samples[index % options.samples.length], state);
      state.answered();
    }
  };
  const finished = Promise.all(Array.from({ length: options.concurrency }, worker)).then(() =>
    state.result(),
  );
  return { reached: (n) => state.reached(n), answered: () => state.done, finished };
}

class LoadState {
  readonly submitted: Submitted[] = [];
  readonly failures: string[] = [];
  created = 0;
  retries = 0;
  done = 0;
  private waiters: { n: number; resolve: () => void }[] = [];

  constructor(private readonly count: number) {}

  answered(): void {
    this.done += 1;
    this.waiters = this.waiters.filter((w) => (this.done >= w.n ? (w.resolve(), false) : true));
  }

  reached(n: number): Promise<void> {
    if (this.done >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  result(): LoadResult {
    const { submitted, failures, created, retries } = this;
    return { sent: this.count, created, submitted, failures, retries };
  }
}

async function submitOne(options: LoadOptions, sample: SampleForm, state: LoadState) {
  const headers = { ...options.clerk, 'idempotency-key': randomUUID() };
  const created = await sendUntilAnswered(
    state,
    `${options.intakeUrl}/api/applications`,
    sample.form,
    headers,
  );
  if (created.status !== 201) {
    state.failures.push(`${sample.name}: submission ${describe(created)}`);
    return;
  }
  state.created += 1;

  const applicationNo = created.body.applicationNo as string;
  const contactPhone = sample.form.enterprise.contactPhone;
  if (created.body.status === 'accepted') {
    state.submitted.push({ applicationNo, contactPhone, acknowledged: true });
    return;
  }
  const url = `${options.intakeUrl}/api/applications/${applicationNo}/acceptance`;
  const accepted = await sendUntilAnswered(state, url, { firstContact: OFFICER }, options.clerk);
  // A 409 after a lost answer means the first try went through; the databases will tell.
  state.submitted.push({ applicationNo, contactPhone, acknowledged: accepted.status === 200 });
  if (accepted.status !== 200 && accepted.status !== 409) {
    state.failures.push(`${applicationNo}: acceptance ${describe(accepted)}`);
  }
}

/** Sends again while there is no answer or a 5xx, as a client facing a restart would. */
async function sendUntilAnswered(
  state: LoadState,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const deadline = Date.now() + RETRY_FOR_MS;
  let last: Answer = { status: 0, body: { error: 'not sent' } };
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    if (attempt > 0) {
      state.retries += 1;
      await pause(RETRY_PAUSE_MS);
    }
    last = await send(url, body, headers);
    if (last.status !== 0 && last.status < 500) return last;
  }
  return last;
}

async function send(url: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, body: parseBody(text) };
  } catch (error) {
    return { status: 0, body: { error: error instanceof Error ? error.message : String(error) } };
  }
}

function parseBody(text: string): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return { text };
  }
}

function describe(answer: Answer): string {
  return `${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
}

/** Load pacing, not a wait for a condition: holds a submission back to its slot. */
function untilScheduled(at: number): Promise<void> {
  return pause(Math.max(0, at - Date.now()));
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
