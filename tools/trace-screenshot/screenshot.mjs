// Opens a page in headless Chromium, lets the dashboard (a Blazor Server app) render over its live connection, and
// saves a PNG: node screenshot.mjs URL OUT.png [HEIGHT]
import puppeteer from 'puppeteer-core';

const [url, out, height = '1000'] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
  defaultViewport: { width: 1600, height: Number(height) },
});
try {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'networkidle2' });
  await new Promise(resolve => setTimeout(resolve, 5000));
  await page.screenshot({ path: out });
} finally {
  await browser.close();
}
