#!/usr/bin/env node
// Draws the app icons (public/icons/*.png) from public/favicon.svg with the machine's Chromium,
// so the installed app shows the same neutral notebook as the browser tab. The PNGs are
// committed; run this again only when favicon.svg changes: `node scripts/make-icons.mjs`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const frontend = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = await readFile(path.join(frontend, 'public', 'favicon.svg'), 'utf8');
const BACKGROUND = '#fbf7f1'; // the manifest's background and theme colour

// "any" icons fill the square; maskable ones keep the drawing inside the central 60 %, because
// launchers may cut the outer part away into a circle or a rounded square.
const ICONS = [
  { file: 'icon-192.png', size: 192, scale: 1, background: 'transparent' },
  { file: 'icon-512.png', size: 512, scale: 1, background: 'transparent' },
  { file: 'maskable-512.png', size: 512, scale: 0.6, background: BACKGROUND },
  { file: 'apple-touch-icon.png', size: 180, scale: 0.8, background: BACKGROUND },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const inner = Math.round(icon.size * icon.scale);
    await page.setContent(
      `<html><body style="margin:0;width:${icon.size}px;height:${icon.size}px;display:grid;place-items:center;background:${icon.background}">` +
        svg.replace('width="32" height="32"', `width="${inner}" height="${inner}"`) +
        '</body></html>',
    );
    await page.screenshot({ path: path.join(frontend, 'public', 'icons', icon.file), omitBackground: icon.background === 'transparent' });
    await page.close();
    console.log(`public/icons/${icon.file} (${icon.size}×${icon.size})`);
  }
} finally {
  await browser.close();
}
