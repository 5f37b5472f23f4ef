'use strict';
// The reader's progress (themes/default/static/study-store.js): kept per guide, graded with the
// scheduler, exported, and imported all-or-nothing so a bad file never costs any progress.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const Store = require('../../themes/default/static/study-store.js');

/** localStorage as the browser has it: strings by key; `full` makes every write fail. */
class MemoryStorage {
  constructor() { this.items = new Map(); this.full = false; }
  getItem(k) { return this.items.has(k) ? this.items.get(k) : null; }
  setItem(k, v) {
    if (this.full) throw new Error('QuotaExceededError');
    this.items.set(k, String(v));
  }
  removeItem(k) { this.items.delete(k); }
}

const GUIDE = 'Python Interview Questions';
const MON = new Date('2025-06-02T09:00:00Z');
const TUE = new Date('2025-06-03T09:00:00Z');

function graded(storage = new MemoryStorage()) {
  const store = Store.open(GUIDE, storage);
  store.grade('concurrency/what-is-the-gil.html', 3, MON);
  store.grade('oop/slots.html', 4, MON);
  store.grade('oop/mro.html', 1, MON);
  return store;
}

test('grading keeps the state, the schedule, when it was seen and the grade history', () => {
  const store = graded();
  const gil = store.get('concurrency/what-is-the-gil.html');
  assert.equal(gil.state, 'learning');
  assert.equal(gil.seen, '2025-06-02T09:00:00.000Z');
  assert.equal(gil.interval, 1);
  assert.deepEqual(gil.history, [{ at: '2025-06-02T09:00:00.000Z', grade: 'good' }]);
  store.grade('concurrency/what-is-the-gil.html', 3, TUE);
  const again = store.get('concurrency/what-is-the-gil.html');
  assert.equal(again.state, 'known');
  assert.deepEqual(again.history.map((h) => h.grade), ['good', 'good']);
  assert.equal(store.get('oop/slots.html').state, 'known');
  assert.equal(store.get('oop/mro.html').state, 'learning');
  assert.equal(store.get('never/seen.html'), null);
});

test('the grade history keeps the last 20 grades', () => {
  const store = Store.open(GUIDE, new MemoryStorage());
  for (let i = 0; i < 25; i++) store.grade('a/b.html', 1 + (i % 4), new Date(Date.UTC(2025, 0, 1 + i)));
  const r = store.get('a/b.html');
  assert.equal(r.history.length, 20);
  assert.equal(r.history[0].at, '2025-01-06T00:00:00.000Z');
});

test('two guides in one browser never see each other\'s progress', () => {
  const storage = new MemoryStorage();
  graded(storage);
  const other = Store.open('Go Interview Questions', storage);
  assert.deepEqual(other.all(), {});
  other.grade('concurrency/what-is-the-gil.html', 1, TUE);
  assert.equal(Store.open(GUIDE, storage).get('concurrency/what-is-the-gil.html').state, 'learning');
  assert.equal(Store.open(GUIDE, storage).get('concurrency/what-is-the-gil.html').history.length, 1);
  assert.deepEqual([...storage.items.keys()].sort(),
    ['prepbook-progress:Go Interview Questions', 'prepbook-progress:Python Interview Questions']);
});

test('counts: known, learning, new and due today', () => {
  const store = graded();
  const urls = ['concurrency/what-is-the-gil.html', 'oop/slots.html', 'oop/mro.html', 'oop/new.html'];
  assert.deepEqual(store.summarize(urls, '2025-06-02'), { total: 4, known: 1, learning: 2, new: 1, due: 1 });
  assert.deepEqual(store.summarize(urls, '2025-06-03'), { total: 4, known: 1, learning: 2, new: 1, due: 3 });
});

test('restoring a record undoes a grade; restoring null forgets the question', () => {
  const store = graded();
  const before = store.get('oop/slots.html');
  store.grade('oop/slots.html', 1, TUE);
  store.restore('oop/slots.html', before);
  assert.deepEqual(store.get('oop/slots.html'), before);
  store.restore('oop/slots.html', null);
  assert.equal(store.get('oop/slots.html'), null);
});

test('an export imported into an empty browser gives the same progress', () => {
  const store = graded();
  const text = store.exportJson(TUE);
  const data = JSON.parse(text);
  assert.equal(data.format, 'prepbook-progress');
  assert.equal(data.version, 1);
  assert.equal(data.guide, GUIDE);
  assert.equal(data.exported, '2025-06-03T09:00:00.000Z');
  const fresh = Store.open(GUIDE, new MemoryStorage());
  const result = fresh.importJson(text);
  assert.deepEqual(result, { ok: true, added: 3, updated: 0, solved: 0 });
  assert.deepEqual(fresh.all(), store.all());
});

test('an import keeps, for each question, the progress seen last', () => {
  const older = graded();
  const exported = older.exportJson(MON);
  const newer = graded();
  newer.grade('oop/mro.html', 4, TUE);
  newer.grade('oop/new.html', 3, TUE);
  const result = newer.importJson(exported);
  assert.deepEqual(result, { ok: true, added: 0, updated: 0, solved: 0 });
  assert.equal(newer.get('oop/mro.html').state, 'known', 'the newer local grade stays');
  const back = older.importJson(newer.exportJson(TUE));
  assert.deepEqual(back, { ok: true, added: 1, updated: 1, solved: 0 });
  assert.equal(older.get('oop/mro.html').state, 'known');
});

test('bad or foreign files are rejected with a reason and change nothing', () => {
  const storage = new MemoryStorage();
  const store = graded(storage);
  const before = storage.getItem(store.key);
  const good = JSON.parse(store.exportJson(TUE));
  const damaged = (fn) => { const d = structuredClone(good); fn(d); return JSON.stringify(d); };
  const cases = [
    ['{"format": "prepbook-progress", "cards": {', /not JSON/],
    ['', /not JSON/],
    ['[1, 2, 3]', /not a Prepbook progress file/],
    ['{"bookmarks": ["a", "b"]}', /not a Prepbook progress file/],
    [damaged((d) => { d.version = 2; }), /version 2/],
    [damaged((d) => { d.guide = 'Go Interview Questions'; }), /for “Go Interview Questions”, not for “Python Interview Questions”/],
    [damaged((d) => { d.cards = []; }), /no list of questions/],
    [damaged((d) => { d.cards['oop/slots.html'].state = 'mastered'; }), /oop\/slots\.html is damaged: state/],
    [damaged((d) => { d.cards['oop/slots.html'].ease = 'high'; }), /ease/],
    [damaged((d) => { d.cards['oop/slots.html'].due = '2025-13-01'; }), /due/],
    [damaged((d) => { d.cards['oop/slots.html'].interval = -1; }), /interval/],
    [damaged((d) => { d.cards['oop/slots.html'].history.push({ at: 'yesterday', grade: 'good' }); }), /history entry 2/],
    [damaged((d) => { d.cards['oop/slots.html'].history = [{ at: '2025-06-02T09:00:00Z', grade: 'perfect' }]; }), /history entry 1/],
    [damaged((d) => { d.cards['../../etc/passwd.html'] = d.cards['oop/slots.html']; }), /not the address of a question/],
    [damaged((d) => { d.cards['javascript:alert(1).html'] = d.cards['oop/slots.html']; }), /not the address of a question/],
  ];
  for (const [text, why] of cases) {
    const result = store.importJson(text);
    assert.equal(result.ok, false, text.slice(0, 60));
    assert.match(result.error, why);
    assert.equal(storage.getItem(store.key), before, 'stored progress is untouched');
  }
});

test('an import drops fields Prepbook does not know', () => {
  const store = graded();
  const data = JSON.parse(store.exportJson(TUE));
  data.cards['oop/slots.html'].secret = '<img src=x onerror=alert(1)>';
  const fresh = Store.open(GUIDE, new MemoryStorage());
  assert.equal(fresh.importJson(JSON.stringify(data)).ok, true);
  assert.equal('secret' in fresh.get('oop/slots.html'), false);
});

test('a full or disabled storage is reported, not thrown', () => {
  const storage = new MemoryStorage();
  const store = graded(storage);
  storage.full = true;
  assert.equal(store.grade('oop/slots.html', 1, TUE), null);
  assert.match(store.error, /could not be saved/);
  assert.equal(store.get('oop/slots.html').state, 'known', 'the stored progress is unchanged');
  const none = Store.open(GUIDE, null);
  assert.deepEqual(none.all(), {});
  assert.equal(none.grade('a/b.html', 3, TUE), null);
});

test('stored data this version cannot read is kept aside, not overwritten', () => {
  const storage = new MemoryStorage();
  storage.setItem(Store.storageKey(GUIDE), '{"format": "something-else"}');
  const store = Store.open(GUIDE, storage);
  assert.deepEqual(store.all(), {});
  store.grade('a/b.html', 3, TUE);
  assert.equal(storage.getItem(Store.storageKey(GUIDE) + ':unreadable'), '{"format": "something-else"}');
});

test('reset forgets every question of this guide only', () => {
  const storage = new MemoryStorage();
  const store = graded(storage);
  Store.open('Other guide', storage).grade('a/b.html', 3, TUE);
  assert.equal(store.reset(), true);
  assert.deepEqual(store.all(), {});
  assert.equal(Store.open('Other guide', storage).get('a/b.html').state, 'learning');
});

const SUMS = 'basics/sums.html';

test('a solved exercise is kept with its first date, beside the grades, and survives grading', () => {
  const storage = new MemoryStorage();
  const store = graded(storage);
  assert.equal(store.solvedOn(SUMS), null);
  assert.equal(store.solveExercise(SUMS, MON, 'How do you add up the even numbers?'), true);
  assert.equal(store.solveExercise(SUMS, TUE, 'How do you add up the even numbers?'), true);
  assert.equal(store.solvedOn(SUMS), '2025-06-02T09:00:00.000Z', 'the first solve is the one kept');
  store.grade('oop/slots.html', 1, TUE);
  store.markSeen('oop/new.html', TUE);
  assert.deepEqual(Store.open(GUIDE, storage).exercises(),
    { [SUMS]: { solved: '2025-06-02T09:00:00.000Z', title: 'How do you add up the even numbers?' } });
  assert.equal(store.get('oop/slots.html').state, 'learning', 'the grades are kept too');
  assert.equal(store.solveExercise('../outside.html', MON, 'x'), false, 'only a question URL is a key');
  assert.equal(store.reset(), true);
  assert.equal(store.solvedOn(SUMS), null, 'reset forgets solved exercises too');
});

test('solved exercises travel in the export file and merge on import, keeping the earlier date', () => {
  const store = graded();
  store.solveExercise(SUMS, TUE, 'Sums');
  const data = JSON.parse(store.exportJson(TUE));
  assert.deepEqual(data.exercises, { [SUMS]: { solved: '2025-06-03T09:00:00.000Z', title: 'Sums' } });
  assert.equal(data.version, 1, 'the format version is unchanged: older files still import');

  const fresh = Store.open(GUIDE, new MemoryStorage());
  assert.deepEqual(fresh.importJson(JSON.stringify(data)), { ok: true, added: 3, updated: 0, solved: 1 });
  assert.equal(fresh.solvedOn(SUMS), '2025-06-03T09:00:00.000Z');

  const earlier = Store.open(GUIDE, new MemoryStorage());
  earlier.solveExercise(SUMS, MON, 'Sums');
  earlier.solveExercise('oop/slots.html', TUE, 'Slots');
  assert.equal(fresh.importJson(earlier.exportJson(TUE)).solved, 1);
  assert.equal(fresh.solvedOn(SUMS), '2025-06-02T09:00:00.000Z', 'the earlier solve wins');
  assert.deepEqual(Object.keys(fresh.exercises()).sort(), ['basics/sums.html', 'oop/slots.html']);
});

test('a progress file from before solved exercises imports as it did', () => {
  const data = JSON.parse(graded().exportJson(TUE));
  delete data.exercises;
  const fresh = Store.open(GUIDE, new MemoryStorage());
  assert.deepEqual(fresh.importJson(JSON.stringify(data)), { ok: true, added: 3, updated: 0, solved: 0 });
  assert.deepEqual(fresh.exercises(), {});
});

test('damaged solved exercises reject the whole file', () => {
  const storage = new MemoryStorage();
  const store = graded(storage);
  const before = storage.getItem(store.key);
  const good = JSON.parse(store.exportJson(TUE));
  const cases = [
    [[], /not a list by question/],
    [{ '../x.html': { solved: '2025-06-02T09:00:00Z' } }, /not the address of a question/],
    [{ [SUMS]: { solved: 'last week' } }, /basics\/sums\.html is damaged: it needs the time/],
    [{ [SUMS]: { solved: '2025-06-02T09:00:00Z', title: 'x'.repeat(301) } }, /at most 300 characters/],
  ];
  for (const [exercises, why] of cases) {
    const result = store.importJson(JSON.stringify({ ...good, exercises }));
    assert.equal(result.ok, false);
    assert.match(result.error, why);
    assert.equal(storage.getItem(store.key), before, 'stored progress is untouched');
  }
});
