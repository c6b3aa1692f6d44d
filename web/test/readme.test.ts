// The README's code is code a test runs: each JavaScript block is, byte for byte, a file the
// browser tests run (the bundler apps' user code, the SP1 6 test's prover), and each shell
// line installs the packed package or is a Makefile target.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const readme = read('../../README.md');
const blocks = [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, code]) => ({ lang, code }));

/** What the README's JavaScript blocks must be, and the tests that run each. */
const RUN_BY_TESTS = [
  '../bundlers/apps/shared/prove.js', // every bundler app (make test-bundlers)
  '../bundlers/apps/shared/prove-v6.js', // tests/sp1-v6/browser.sh proves with it; the apps build it
].map(read);

describe('README', () => {
  it('has a JavaScript block for each version, each a file the tests run', () => {
    const js = blocks.filter((block) => block.lang === 'js');
    expect(js).toHaveLength(RUN_BY_TESTS.length);
    for (const block of js) expect(RUN_BY_TESTS).toContain(block.code);
  });

  it('has only shell lines that install the packed package or run a Makefile target', () => {
    const version = JSON.parse(read('../package.json')).version;
    const targets = read('../../Makefile').match(/^\.PHONY:((?:[^\n]*\\\n)*[^\n]*)/m)![1].split(/[\s\\]+/);
    const lines = blocks
      .filter((block) => block.lang === 'sh')
      .flatMap((block) => block.code.split('\n'))
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const make = line.match(/^make (\S+)$/);
      if (make) expect(targets).toContain(make[1]);
      else expect(line).toBe(`npm install path/to/sp1-wasm-${version}.tgz`);
    }
  });

  it('has no code block of another language', () => {
    expect(blocks.map((block) => block.lang).filter((lang) => lang !== 'js' && lang !== 'sh')).toEqual([]);
  });
});
