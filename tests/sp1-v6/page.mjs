// The page both v6 browser scripts drive: web/e2e/v6.html, which loads `sp1-wasm/v6` as
// `window.sp1v6`, with the files of one folder (the guests' ELFs, proofs) served at /guest/.
import { openPage } from '../../web/scripts/browser.mjs';

/**
 * Opens the page in `engine` (web/scripts/browser.mjs) with `folder` served at /guest/; the
 * page's console goes to stderr (not WebKit's: WebDriver classic does not report it).
 */
export async function openV6Page(folder, isolated = true, engine = 'chromium') {
  const opened = await openPage({ engine, isolated, path: '/e2e/v6.html', mounts: { '/guest': folder } });
  if (engine !== 'webkit') opened.page.on('console', (message) => console.error(`[page] ${message.text()}`));
  await opened.page.waitForFunction(() => window.sp1v6Ready === true);
  return opened;
}

/**
 * Runs `body(sp1v6, elf, request)` in the page, `elf` fetched from `request.elfUrl`; a rejection
 * comes back as `{ code, name, message }`.
 */
export function inPage(page, body, request) {
  return page.evaluate(
    async ({ body, request }) => {
      const elf = new Uint8Array(await (await fetch(request.elfUrl)).arrayBuffer());
      try {
        return await new Function('sp1v6', 'elf', 'request', `return (${body})(sp1v6, elf, request)`)(
          window.sp1v6,
          elf,
          request,
        );
      } catch (error) {
        return { code: error.code ?? 'none', name: error.name, message: String(error.message ?? error) };
      }
    },
    { body: body.toString(), request },
  );
}
