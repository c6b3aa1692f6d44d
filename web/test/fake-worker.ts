// A stand-in for the prover's Worker, shared by the unit tests: it records what the page posts and
// answers as the test says.
import { afterEach, beforeEach, vi } from 'vitest';
import type { ResponseMessage } from '../src/protocol.js';

export class FakeWorker {
  static created: FakeWorker[] = [];
  onmessage: ((event: { data: ResponseMessage<unknown> }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  posted: ({ id: number; type: string } & Record<string, unknown>)[] = [];
  terminated = false;

  constructor() {
    FakeWorker.created.push(this);
  }

  postMessage(message: { id: number; type: string } & Record<string, unknown>) {
    this.posted.push(message);
  }

  terminate() {
    this.terminated = true;
  }

  /** Answers the last request of `type` (or the last one) with `response`. */
  reply(response: Omit<ResponseMessage<unknown>, 'id'> & Record<string, unknown>, type?: string) {
    const request = [...this.posted].reverse().find((r) => !type || r.type === type)!;
    this.onmessage!({ data: { id: request.id, ...response } as ResponseMessage<unknown> });
  }
}

export const flush = () => new Promise((done) => setTimeout(done, 0));

/** Every test of the file gets fake workers on a cross-origin isolated page. */
export function useFakeWorkers() {
  beforeEach(() => {
    FakeWorker.created = [];
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('crossOriginIsolated', true);
  });
  afterEach(() => vi.unstubAllGlobals());
}

/** The prover `create` resolves to once its worker answered `init`, and that worker. */
export async function started<P>(create: () => Promise<P>) {
  const pending = create();
  const worker = FakeWorker.created.at(-1)!;
  worker.reply({ type: 'result', value: null }, 'init');
  return { prover: await pending, worker };
}
