// Reads the V8 CPU profiles in a Chrome trace (category `disabled-by-default-v8.cpu_profiler`)
// of one browser proof: where the threads spent their time, by wasm function (the module must
// keep its name section), and what the proving thread ran while every Rayon worker waited.

/**
 * A Rust symbol made readable: no crate hashes, and generic arguments nested in a type's or
 * trait's own arguments collapsed, e.g. `<p3_poseidon2::Poseidon2<…> as
 * p3_symmetric::permutation::Permutation<…>>::permute`.
 */
function shortName(name) {
  let depth = 0;
  let short = '';
  for (const char of (name || '(anonymous)').replace(/\[[0-9a-f]{8,}\]/g, '')) {
    if (char === '<') depth += 1;
    if (depth <= 1 || (depth === 2 && char === '<')) short += depth === 2 ? '<…' : char;
    if (char === '>') {
      if (depth === 2) short += '>';
      depth -= 1;
    }
  }
  return short;
}

/** One sampled thread: sample times (us), sample node ids, and each node's parent and name. */
function threadsOf(traceEvents) {
  const threads = new Map();
  const threadOf = (event) => {
    const key = `${event.pid}:${event.id}`;
    if (!threads.has(key)) threads.set(key, { start: 0, times: [], samples: [], parent: new Map(), name: new Map() });
    return threads.get(key);
  };
  for (const event of traceEvents) {
    if (event.name === 'Profile') threadOf(event).start = event.args.data.startTime;
  }
  for (const event of traceEvents) {
    if (event.name !== 'ProfileChunk') continue;
    const thread = threadOf(event);
    const { cpuProfile = {}, timeDeltas = [] } = event.args.data;
    for (const node of cpuProfile.nodes ?? []) {
      thread.name.set(node.id, node.callFrame.functionName);
      if (node.parent !== undefined) thread.parent.set(node.id, node.parent);
    }
    let time = thread.times.at(-1) ?? thread.start;
    for (const delta of timeDeltas) thread.times.push((time += delta));
    thread.samples.push(...(cpuProfile.samples ?? []));
  }
  return [...threads.values()].filter((thread) => thread.samples.length > 1);
}

function stackOf(thread, node) {
  const stack = [];
  for (let id = node; id !== undefined; id = thread.parent.get(id)) stack.push(thread.name.get(id));
  return stack;
}

const isWaiting = (stack) => stack[0] === '(idle)' || stack.slice(0, 3).some((name) => /Condvar>::wait/.test(name));

/** Each sample's stack (leaf first), duration (us) and whether the thread was waiting. */
function samplesOf(thread) {
  return thread.samples.slice(0, -1).map((node, i) => {
    const stack = stackOf(thread, node);
    return { time: thread.times[i], duration: thread.times[i + 1] - thread.times[i], stack, waiting: isWaiting(stack) };
  });
}

function top(totals, count) {
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
}

function add(totals, key, amount) {
  totals.set(key, (totals.get(key) ?? 0) + amount);
}

/**
 * Self time by function over all threads, and the proving thread's work while every Rayon
 * worker waited (serial sections), by its innermost two frames.
 */
export function summarize(trace, count = 12) {
  const threads = threadsOf(trace.traceEvents ?? trace).map((thread) => ({ thread, samples: samplesOf(thread) }));
  const workers = threads.filter(({ samples }) => samples.some(({ stack }) => stack.includes('wbg_rayon_start_worker')));
  const others = threads.filter((thread) => !workers.includes(thread));
  const busyTime = ({ samples }) => samples.reduce((sum, s) => sum + (s.waiting ? 0 : s.duration), 0);
  const prover = others.sort((a, b) => busyTime(b) - busyTime(a))[0];

  const selfTime = new Map();
  let busy = 0;
  for (const { samples } of threads) {
    for (const { stack, duration, waiting } of samples) {
      if (waiting) continue;
      add(selfTime, shortName(stack[0]), duration);
      busy += duration;
    }
  }

  // A worker waits at time t if its latest sample at or before t was waiting.
  const waitingAt = ({ samples }) => {
    let i = 0;
    return (time) => {
      while (i + 1 < samples.length && samples[i + 1].time <= time) i += 1;
      return samples[i].time > time || samples[i].waiting;
    };
  };
  const workerWaits = workers.map(waitingAt);
  const serialTime = new Map();
  let serial = 0;
  for (const { time, duration, stack, waiting } of prover?.samples ?? []) {
    if (waiting || !workerWaits.every((waits) => waits(time))) continue;
    add(serialTime, stack.slice(0, 2).map(shortName).join(' < '), duration);
    serial += duration;
  }
  const seconds = (us) => us / 1e6;
  return {
    workers: workers.length,
    busySeconds: seconds(busy),
    selfTime: top(selfTime, count).map(([name, us]) => ({ name, seconds: seconds(us) })),
    serialSeconds: seconds(serial),
    provingThreadSeconds: seconds(busyTime(prover ?? { samples: [] })),
    serial: top(serialTime, count).map(([name, us]) => ({ name, seconds: seconds(us) })),
  };
}
