// `npm run icon`: renders the Marketplace icon, media/icon.png (128×128), from the activity-bar
// icon media/ami-explorer.svg: its shapes, drawn larger in white on a coloured rounded square that
// reads on both the light and the dark gallery. Debian's Chromium (the one the e2e suite drives,
// through playwright-core) rasterises it, so running this again gives the same picture.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, REPO_ROOT } from '../test/harness/codeServerInstall';

const SIZE = 128;
const SOURCE = join(REPO_ROOT, 'media', 'ami-explorer.svg');
const OUTPUT = join(REPO_ROOT, 'media', 'icon.png');

/** The Marketplace icon as SVG: the activity-bar icon's shapes (24×24) scaled into a tile. */
export function marketplaceIconSvg(activityBarSvg: string): string {
  const shapes = /<svg[^>]*>([\s\S]*)<\/svg>/.exec(activityBarSvg)?.[1];
  if (!shapes) throw new Error(`${SOURCE} has no <svg> element`);
  const body = shapes.replace(/<!--[\s\S]*?-->/g, '').trim();
  // 24 units → 84 px, centred; the lens (bottom right) reaches the tile's inner margin.
  const scale = 3.5;
  const offset = (SIZE - 24 * scale) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1f6fd1"/>
      <stop offset="1" stop-color="#123e7c"/>
    </linearGradient>
  </defs>
  <rect x="2" y="2" width="${SIZE - 4}" height="${SIZE - 4}" rx="24" fill="url(#tile)"/>
  <g transform="translate(${offset} ${offset}) scale(${scale})" fill="none" stroke="#ffffff" stroke-width="1.5" stroke-linejoin="round" color="#ffffff">
    ${body}
  </g>
  <g transform="translate(${offset} ${offset}) scale(${scale})" fill="none" stroke="#ffb547" stroke-width="1.5">
    <circle cx="16.5" cy="15.5" r="3.5"/>
    <path d="M19 18l3 3" stroke-linecap="round"/>
  </g>
</svg>`;
}

async function main(): Promise<void> {
  const svg = marketplaceIconSvg(readFileSync(SOURCE, 'utf8'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--force-color-profile=srgb'],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: SIZE, height: SIZE },
      deviceScaleFactor: 1,
    });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`,
    );
    const png = await page.locator('svg').first().screenshot({ omitBackground: true });
    writeFileSync(OUTPUT, png);
    process.stdout.write(`${OUTPUT}: ${png.length} bytes\n`);
  } finally {
    await browser.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
