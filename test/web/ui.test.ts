// The web UI in a real Chromium (Debian's, driven by playwright-core): the sample report ingested into a
// temp store, then what a person does: look at the map, brush the timeline, open an event and read its
// highlighted sentence, switch the control layer on, watch a live update arrive, and use it on a phone.
// Expected places come from the corpus gold at run time (never copied here). Screenshots go to a temp
// folder, or to docs/screenshots/ with `npm run screenshots` (SITREP_SCREENSHOTS=dir), so that a test run
// leaves the working tree as it was.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEFAULT_WEB_DIR } from '../../src/api/server.ts';
import type { ControlRecord, StoredEvent } from '../../src/types.ts';
import {
  CORPUS_DIR,
  postJson,
  ROOT,
  SAMPLE,
  sampleArticle,
  startTestServer,
  type TestServer,
} from '../api/helpers.ts';

const CHROMIUM = process.env.SITREP_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.SITREP_SCREENSHOTS
  ? join(ROOT, process.env.SITREP_SCREENSHOTS)
  : mkdtempSync(join(tmpdir(), 'sitrep-screens-'));
const LAPTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Chromium's software GL on a busy 2-core machine is slow: generous waits, timings logged, never asserted. */
const WAIT = 90_000;

interface GoldPlace {
  id: string;
  lat: number;
  lon: number;
  km: number;
}

/** Must events of the gold that pin a place (`near`), read from the corpus at run time. */
function goldPlaces(): GoldPlace[] {
  const gold = JSON.parse(readFileSync(join(CORPUS_DIR, `${SAMPLE}.expected.json`), 'utf8')) as {
    events: Array<{ id: string; must?: boolean; location?: { near?: [number, number]; km?: number } }>;
  };
  return gold.events
    .filter((e) => e.must && e.location?.near)
    .map((e) => ({
      id: e.id,
      lat: e.location!.near![0],
      lon: e.location!.near![1],
      km: e.location!.km ?? 25,
    }));
}

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

let t: TestServer;
let dbDir: string;
let browser: Browser;
let laptop: BrowserContext;
let page: Page;
let events: StoredEvent[];
const pageErrors: string[] = [];

async function apiEvents(): Promise<StoredEvent[]> {
  const res = await fetch(`${t.url}/api/events?limit=5000`);
  return ((await res.json()) as { events: StoredEvent[] }).events;
}

async function waitReady(p: Page): Promise<void> {
  await p.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: WAIT });
}

/** Moves the map and waits until it has drawn the new view. */
async function jumpTo(p: Page, lon: number, lat: number, zoom: number): Promise<void> {
  await p.evaluate(
    ([lon, lat, zoom]) =>
      new Promise<void>((resolve) => {
        const map = window.__sitrep.map!;
        map.once('idle', () => resolve());
        map.jumpTo({ center: [lon, lat], zoom });
      }),
    [lon, lat, zoom] as const,
  );
}

async function renderedEventIds(p: Page): Promise<string[]> {
  return p.evaluate(() =>
    window.__sitrep
      .map!.queryRenderedFeatures({ layers: ['event-points'] })
      .map((f) => String(f.properties.id)),
  );
}

async function shot(p: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await p.screenshot({ path: join(SCREENSHOTS, name) });
}

before(async () => {
  assert.ok(
    existsSync(join(DEFAULT_WEB_DIR, 'index.html')) &&
      existsSync(join(DEFAULT_WEB_DIR, 'basemap/fonts.json')),
    'the web UI is not built: run npm run build',
  );
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  // A store on disk, as `sitrep serve --db DIR` uses it.
  dbDir = mkdtempSync(join(tmpdir(), 'sitrep-web-'));
  t = await startTestServer({ db: dbDir, webDir: DEFAULT_WEB_DIR, heartbeatMs: 2000 });
  const res = await postJson(`${t.url}/api/articles`, {
    ...sampleArticle(),
    url: 'https://example.org/sample',
  });
  assert.equal(res.status, 201, res.text);
  events = await apiEvents();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  laptop = await browser.newContext({ viewport: LAPTOP });
  page = await laptop.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    pageErrors.push(`dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  // Nothing may come from the network: every request must stay on the test server.
  await laptop.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(t.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    pageErrors.push(`request off the server: ${url}`);
    return route.abort();
  });
});

after(async () => {
  await browser?.close();
  await t?.close();
  if (dbDir) rmSync(dbDir, { recursive: true, force: true });
});

describe('web UI on a laptop', () => {
  test('first render: basemap, events and the timeline', async () => {
    const started = Date.now();
    const response = await page.goto(`${t.url}/`);
    assert.match(response!.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    await waitReady(page);
    const firstRenderMs = await page.evaluate(() => window.__sitrep.firstRenderMs);
    console.log(
      `web: first complete render ${firstRenderMs} ms after navigation (${Date.now() - started} ms wall)`,
    );
    const loaded = await page.evaluate(() => window.__sitrep.events!().length);
    assert.equal(loaded, events.length);
    const bars = await page.locator('#timeline rect[data-day]').count();
    assert.ok(bars > 0, 'the timeline draws bars');
    assert.match(
      (await page.locator('#status').textContent()) ?? '',
      new RegExp(`${events.length} of ${events.length}`),
    );
    // Labels come from the bundled fonts: the basemap has symbol features rendered.
    const labels = await page.evaluate(
      () =>
        window.__sitrep
          .map!.queryRenderedFeatures()
          .filter((f) => f.layer.type === 'symbol' && f.source === 'basemap').length,
    );
    assert.ok(labels > 0, 'no basemap labels rendered');
    await shot(page, 'laptop.png');
    assert.deepEqual(pageErrors, []);
  });

  test('the events the pipeline found at the gold places are drawn on the map', async () => {
    const located = events.filter((e) => e.location?.lat != null && e.location?.lon != null);
    let covered = 0;
    for (const place of goldPlaces()) {
      const near = located.filter(
        (e) => km({ lat: e.location!.lat!, lon: e.location!.lon! }, place) <= place.km,
      );
      if (near.length === 0) continue;
      covered++;
      // Zoomed in past the clustering, every one of them is its own point.
      await jumpTo(page, place.lon, place.lat, 10);
      const drawn = await renderedEventIds(page);
      for (const e of near) assert.ok(drawn.includes(e.id), `event ${e.id} (${place.id}) is not drawn`);
    }
    console.log(`web: ${covered}/${goldPlaces().length} gold places have events, all drawn`);
    assert.ok(covered >= 3, `only ${covered} gold places have an event`);
  });

  test('brushing the timeline filters the map and goes into the URL', async () => {
    const box = (await page.locator('#timeline svg').boundingBox())!;
    // The tallest bar is the report's own day: brush just that bar.
    const tallest = await page.evaluate(() => {
      const totals = new Map<string, { x: number; w: number; n: number }>();
      for (const r of document.querySelectorAll<SVGRectElement>('#timeline rect[data-day]')) {
        const day = r.dataset.day!;
        const b = r.getBoundingClientRect();
        const cur = totals.get(day) ?? { x: b.x, w: b.width, n: 0 };
        cur.n += b.height;
        totals.set(day, cur);
      }
      const [day, v] = [...totals.entries()].sort((a, b) => b[1].n - a[1].n)[0];
      return { day, x: v.x + v.w / 2 };
    });
    await page.mouse.move(tallest.x - 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(tallest.x + 2, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => new URL(location.href).searchParams.has('to'), null, { timeout: WAIT });
    const url = new URL(page.url());
    const from = url.searchParams.get('from')!;
    const to = url.searchParams.get('to')!;
    assert.ok(from <= tallest.day && tallest.day <= to, `brush ${from}..${to} misses ${tallest.day}`);
    const drawn = await page.evaluate(() => window.__sitrep.features!().features.map((f) => f.properties.id));
    const byId = new Map(events.map((e) => [e.id, e]));
    assert.ok(drawn.length > 0 && drawn.length < events.length);
    for (const id of drawn) {
      const e = byId.get(id)!;
      const start = e.date.value ?? '';
      assert.ok(start.slice(0, 10) <= to, `${id} (${start}) after the brush`);
    }
    // A shared link restores the same view.
    const shared = await laptop.newPage();
    await shared.goto(page.url());
    await waitReady(shared);
    assert.equal(await shared.locator('#range-label').textContent(), `${from} – ${to}`);
    assert.equal(await shared.locator('.timeline-brush').count(), 1);
    await shared.close();
    await page.locator('#brush-clear').click();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('to'), null, { timeout: WAIT });
    // The keyboard does the same: an arrow selects the last day with events, escape clears.
    await page.locator('#timeline svg').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => new URL(location.href).searchParams.has('to'), null, { timeout: WAIT });
    assert.equal(
      new URL(page.url()).searchParams.get('to'),
      tallest.day,
      'the last day with events is the report day',
    );
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('to'), null, { timeout: WAIT });
  });

  test('clicking an event opens its evidence with the trigger highlighted', async () => {
    // An event with a trigger span, alone at its coordinates (so that a click opens it directly).
    const sameSpot = (a: StoredEvent, b: StoredEvent) =>
      a.location?.lat === b.location?.lat && a.location?.lon === b.location?.lon;
    const target = events.find(
      (e) =>
        e.location?.lat != null &&
        e.evidence.spans.some((s) => s.role === 'trigger') &&
        events.filter((o) => sameSpot(o, e)).length === 1,
    );
    assert.ok(target, 'no event with a trigger at its own place');
    await jumpTo(page, target.location!.lon!, target.location!.lat!, 10);
    const point = await page.evaluate(
      ([lon, lat]) => {
        const p = window.__sitrep.map!.project([lon, lat]);
        const r = window.__sitrep.map!.getCanvas().getBoundingClientRect();
        return { x: r.x + p.x, y: r.y + p.y };
      },
      [target.location!.lon!, target.location!.lat!] as const,
    );
    await page.mouse.click(point.x, point.y);
    const panel = page.locator('#panel .event-detail');
    await panel.waitFor({ timeout: WAIT });
    assert.equal(await panel.getAttribute('data-event-id'), target.id);
    const trigger = target.evidence.spans.find((s) => s.role === 'trigger')!;
    const marks = await page.locator('#panel .evidence mark.role-trigger').allTextContents();
    assert.ok(
      marks.some((m) => m.includes(trigger.text) || trigger.text.includes(m)),
      `trigger "${trigger.text}" not highlighted (${marks})`,
    );
    assert.equal(new URL(page.url()).searchParams.get('event'), target.id);
    assert.equal(await page.locator('#panel .report').count(), target.reports.length);
    await shot(page, 'laptop-event.png');
    await page.locator('#panel-close').click();
    assert.equal(await page.locator('#panel').isHidden(), true);
  });

  test('the control layer colours places by holder on the brush-end date', async () => {
    await page.locator('#f-control').check();
    await page.waitForFunction(
      () => /control on/.test(document.querySelector('#control-label')?.textContent ?? ''),
      null,
      {
        timeout: WAIT,
      },
    );
    const label = (await page.locator('#control-label').textContent())!;
    const at = /control on (\d{4}-\d{2}-\d{2})/.exec(label)![1];
    const control = (await (await fetch(`${t.url}/api/control?at=${at}`)).json()) as {
      places: ControlRecord[];
    };
    assert.ok(control.places.length > 0);
    // Each place, looked at closely, is drawn with its status and its holder's colour.
    for (const p of control.places) {
      await jumpTo(page, p.place.lon, p.place.lat, 9);
      const drawn = await page.evaluate(() =>
        window.__sitrep.map!.queryRenderedFeatures({ layers: ['control-markers'] }).map((f) => ({
          place: String(f.properties.place),
          status: String(f.properties.status),
          icon: String(f.properties.icon),
        })),
      );
      const d = drawn.find((x) => x.place === p.place.name);
      assert.ok(d, `control of ${p.place.name} not drawn (drawn: ${drawn.map((x) => x.place).join(', ')})`);
      assert.equal(d.status, p.status);
      assert.match(d.icon, new RegExp(`^control:${p.status}:`));
    }
    // Overview for the screenshot.
    const lons = control.places.map((p) => p.place.lon);
    const lats = control.places.map((p) => p.place.lat);
    await page.evaluate(
      (b) =>
        new Promise<void>((resolve) => {
          const map = window.__sitrep.map!;
          map.once('idle', () => resolve());
          map.fitBounds(b as [number, number, number, number], { padding: 100, duration: 0, maxZoom: 8 });
        }),
      [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
    );
    await shot(page, 'laptop-control.png');
    await page.locator('#f-control').uncheck();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('control'), null, {
      timeout: WAIT,
    });
  });

  test('a disputed event shows both sides, each linked to its report', async () => {
    // A stored event turned into a dispute (one side claims, the other denies), served to the page in place of
    // the real one: the panel's rendering of disputes does not depend on the sample having one.
    const base = events.find((e) => e.reports.length >= 1 && e.location?.name)!;
    const claim = { ...base.reports[0], modality: 'claimed' as const };
    claim.source = { text: 'a rebel commander', kind: 'party_to_conflict', name: null };
    const denial = {
      ...base.reports[0],
      article: 'other-article',
      modality: 'denied' as const,
      sentence: 'The army denied the report.',
      source: { text: 'the army', kind: 'official' as const, name: null },
    };
    const disputed: StoredEvent = {
      ...base,
      id: 'disputed-example',
      disputed: true,
      reports: [claim, denial],
    };
    const p = await laptop.newPage();
    await p.route('**/api/events/disputed-example', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(disputed) }),
    );
    await p.goto(`${t.url}/?event=disputed-example`);
    await p.locator('#panel .dispute').waitFor({ timeout: WAIT });
    assert.equal(await p.locator('#panel .disputed-chip').count(), 1);
    assert.deepEqual(await p.locator('#panel .side-for li').allTextContents(), [
      'report 1: a rebel commander (party to conflict, claimed)',
    ]);
    assert.deepEqual(await p.locator('#panel .side-against li').allTextContents(), [
      'report 2: the army (official, denied)',
    ]);
    assert.equal(await p.locator('#panel .report-nav a').count(), 2);
    await p.locator('#panel .side-against a').click();
    await p.waitForFunction(() => document.querySelector('#report-2')?.classList.contains('flash'), null, {
      timeout: WAIT,
    });
    await waitReady(p);
    await shot(p, 'laptop-disputed.png');
    await p.close();
  });

  test('article text is shown as text: markup in it never runs', async () => {
    const payload =
      'Rebels seized the town of Kidal <script>window.__xss = 1</script> on Sunday ' +
      '<img src=x onerror="window.__xss = 2"> in northern Mali, the army said.';
    const res = await postJson(`${t.url}/api/articles`, { date: '2025-05-05', text: payload });
    assert.equal(res.status, 201, res.text);
    const ids = (res.json!.results as Array<{ created: string[] }>)[0].created;
    assert.ok(ids.length > 0, 'the payload article should give an event');
    const xss = await laptop.newPage();
    xss.on('pageerror', (e) => pageErrors.push(e.message));
    xss.on('dialog', (d) => {
      pageErrors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await xss.goto(`${t.url}/?event=${ids[0]}`);
    await xss.locator('#panel .event-detail').waitFor({ timeout: WAIT });
    const text = (await xss.locator('#panel .evidence').textContent())!;
    assert.match(text, /<script>window\.__xss = 1<\/script>/);
    assert.match(text, /<img src=x onerror=/);
    assert.equal(await xss.locator('#panel img, #panel script').count(), 0);
    await xss.waitForTimeout(500);
    assert.equal(await xss.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    await xss.close();
    assert.deepEqual(pageErrors, []);
  });

  test('events posted while the page is open appear without a reload', async () => {
    await page.waitForFunction(() => document.querySelector('#live-status')?.textContent === 'live', null, {
      timeout: WAIT,
    });
    const before = await page.evaluate(() => window.__sitrep.events!().length);
    const res = await postJson(`${t.url}/api/articles`, {
      date: '2025-06-02',
      text: 'Government forces shelled the town of Tawila in North Darfur on Monday, witnesses said.',
    });
    assert.equal(res.status, 201, res.text);
    const created = (res.json!.results as Array<{ created: string[] }>)[0].created;
    assert.ok(created.length > 0);
    await page.waitForFunction(
      (ids) => ids.every((id) => window.__sitrep.events!().some((e) => e.id === id)),
      created,
      { timeout: WAIT },
    );
    assert.ok((await page.evaluate(() => window.__sitrep.events!().length)) >= before + created.length);
    assert.match((await page.locator('#toast').textContent()) ?? '', /new event/);
    assert.deepEqual(pageErrors, []);
  });
});

describe('web UI on a phone', () => {
  test('390×844: map, timeline and the event sheet fit the screen', async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const p = await phone.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(`${t.url}/`);
    await waitReady(p);
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `page is ${width}px wide on a ${PHONE.width}px screen`);
    const mapBox = (await p.locator('#map').boundingBox())!;
    const timelineBox = (await p.locator('#timeline').boundingBox())!;
    assert.ok(mapBox.height > 400, 'the map keeps most of the screen');
    assert.ok(timelineBox.y + timelineBox.height <= PHONE.height + 1, 'the timeline is on screen');
    assert.equal(await p.locator('#filters').isVisible(), false, 'filters fold away on a phone');
    await shot(p, 'phone.png');
    await p.locator('#filters-toggle').tap();
    assert.equal(await p.locator('#filters').isVisible(), true);
    await p.locator('#filters-toggle').tap();
    const target = events.find((e) => e.disputed) ?? events.find((e) => e.reports.length > 1) ?? events[0];
    await p.goto(`${t.url}/?event=${target.id}`);
    await p.locator('#panel .event-detail').waitFor({ timeout: WAIT });
    await waitReady(p);
    const sheet = (await p.locator('#panel').boundingBox())!;
    assert.ok(sheet.width <= PHONE.width && sheet.y > 0 && sheet.y + sheet.height <= PHONE.height + 1);
    await shot(p, 'phone-event.png');
    await phone.close();
    assert.deepEqual(pageErrors, []);
  });
});
