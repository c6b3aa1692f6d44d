// Debian's WebKitGTK (the engine of Safari) for the end-to-end tests, driven over W3C WebDriver by
// its own WebKitWebDriver. playwright-core drives only Playwright's patched WebKit builds, which
// cannot be downloaded here, and the MiniBrowser WebKitWebDriver starts has no headless mode, so it
// runs in a virtual X display (xvfb-run). This is the handful of WebDriver commands the tests use,
// shaped like the Chromium and Firefox pages: `goto`, `evaluate`, `waitForFunction`.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

// Where Debian's webkit2gtk-4.1 package puts it, in the folder of the machine's multiarch triple.
const MULTIARCH = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' }[process.arch];
const MINIBROWSER = process.env.WEBKIT_MINIBROWSER ?? `/usr/lib/${MULTIARCH}/webkit2gtk-4.1/MiniBrowser`;
const DRIVER_START_TIMEOUT = 60_000;
// A proof is one long script: the tests' own timeouts bound it.
const SCRIPT_TIMEOUT = 30 * 60_000;

/**
 * Starts WebKitWebDriver and one MiniBrowser window. WebKitGTK leaves SharedArrayBuffer off even in
 * a cross-origin isolated page (Safari turns it on there): `sharedArrayBuffer: true` turns it on
 * through JavaScriptCore's option variable, so the package can choose its threaded build.
 */
export async function launchWebKit({ sharedArrayBuffer = true } = {}) {
  const port = await freePort();
  const env = { ...process.env };
  if (sharedArrayBuffer) env.JSC_useSharedArrayBuffer = 'true';
  // Its own process group: closing kills Xvfb, the driver and the browser's processes together.
  const driver = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], { env, detached: true, stdio: 'ignore' });
  const exited = new Promise((resolve) => driver.once('exit', resolve));
  const kill = () => {
    try {
      process.kill(-driver.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  try {
    await waitForDriver(port, exited);
    const { sessionId, capabilities } = await command(port, 'POST', '/session', {
      capabilities: {
        alwaysMatch: {
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
          timeouts: { script: SCRIPT_TIMEOUT, pageLoad: 120_000 },
        },
      },
    });
    return new WebKitPage(port, sessionId, kill, `WebKitGTK ${capabilities.browserVersion}`);
  } catch (error) {
    kill();
    throw error;
  }
}

class WebKitPage {
  constructor(port, sessionId, kill, version) {
    this.session = (method, path, body) => command(port, method, `/session/${sessionId}${path}`, body);
    this.kill = kill;
    this.version = version;
  }

  goto(url) {
    return this.session('POST', '/url', { url });
  }

  /** Runs `fn(arg)` in the page (it may be async); `arg` and the result go through JSON. */
  async evaluate(fn, arg) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn})(arguments[0])).then(
        (value) => done({ value }),
        (error) => done({ error: String(error && error.stack ? error.message + '\\n' + error.stack : error) }));`;
    const { value, error } = await this.session('POST', '/execute/async', { script, args: [arg ?? null] });
    if (error !== undefined) throw new Error(`in WebKit: ${error}`);
    return value;
  }

  async waitForFunction(fn, { timeout = 30_000 } = {}) {
    const deadline = Date.now() + timeout;
    while (!(await this.evaluate(fn))) {
      if (Date.now() > deadline) throw new Error(`WebKit: ${fn} still false after ${timeout} ms`);
      await sleep(100);
    }
  }

  async close() {
    await this.session('DELETE', '').catch(() => {});
    this.kill();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForDriver(port, exited) {
  let driverExit;
  exited.then((code) => (driverExit = code));
  const deadline = Date.now() + DRIVER_START_TIMEOUT;
  for (;;) {
    if (driverExit !== undefined) {
      throw new Error(`WebKitWebDriver exited (${driverExit}): is webkit2gtk-driver installed, with xvfb and xauth?`);
    }
    const ready = await command(port, 'GET', '/status').then(
      (status) => status.ready,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver not ready on port ${port} after ${DRIVER_START_TIMEOUT} ms`);
    await sleep(200);
  }
}

/** One WebDriver command over HTTP (no client timeout: a proof's script may run for minutes). */
function command(port, method, path, body) {
  const data = body === undefined ? undefined : JSON.stringify(body);
  const headers = data === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => {
        let value;
        try {
          ({ value } = JSON.parse(text));
        } catch {
          return reject(new Error(`WebDriver ${method} ${path}: HTTP ${response.statusCode}: ${text.slice(0, 200)}`));
        }
        if (response.statusCode === 200) resolve(value);
        else reject(new Error(`WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`));
      });
    });
    req.once('error', reject);
    req.end(data);
  });
}
