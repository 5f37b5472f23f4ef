'use strict';
// The reader's progress (themes/default/static/study-store.js): kept per guide, graded with the
// scheduler, every grade in the review log, exported, imported all-or-nothing so a bad file never
// costs any progress, and progress of the SM-2 versions (format 1) migrated without loss.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const Store = require('../../themes/default/static/study-store.js');
const Scheduler = require('../../themes/default/static/study-scheduler.js');

/** Progress written by the SM-2 version (see fixtures/make-sm2-progress.js). */
const fixture = (name) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

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

test('grading keeps the state, the schedule and when it was seen', () => {
  const store = graded();
  const gil = store.get('concurrency/what-is-the-gil.html');
  assert.equal(gil.state, 'learning');
  assert.equal(gil.phase, 'learning');
  assert.equal(gil.seen, '2025-06-02T09:00:00.000Z');
  assert.equal(gil.due, '2025-06-02T09:10:00.000Z', 'good on a new card: its 10-minute step');
  store.grade('concurrency/what-is-the-gil.html', 3, TUE);
  const again = store.get('concurrency/what-is-the-gil.html');
  assert.equal(again.state, 'known');
  assert.equal(again.reps, 2);
  assert.equal(store.get('oop/slots.html').state, 'known');
  assert.equal(store.get('oop/mro.html').state, 'learning');
  assert.equal(store.get('never/seen.html'), null);
});

test('the review log keeps every grade: card, time, grade, days elapsed, the state before', () => {
  const store = graded();
  store.grade('concurrency/what-is-the-gil.html', 3, TUE);
  const log = store.log();
  assert.deepEqual(log.map((e) => [e.card, e.grade]), [
    ['concurrency/what-is-the-gil.html', 'good'], ['oop/slots.html', 'easy'], ['oop/mro.html', 'again'],
    ['concurrency/what-is-the-gil.html', 'good']]);
  assert.deepEqual(log[0], { card: 'concurrency/what-is-the-gil.html', at: '2025-06-02T09:00:00.000Z', grade: 'good',
    elapsed: 0, before: 'new', stability: null, difficulty: null });
  const second = log[3];
  assert.equal(second.at, '2025-06-03T09:00:00.000Z');
  assert.equal(second.elapsed, 1, 'a day since the first grade');
  assert.equal(second.before, 'learning');
  assert.ok(second.stability > 0 && second.difficulty >= 1, 'the memory state before the grade');
});

test('the review log keeps its last LOG_MAX grades', () => {
  const storage = new MemoryStorage();
  const store = Store.open(GUIDE, storage);
  store.grade('a/b.html', 3, MON);
  const data = JSON.parse(storage.getItem(store.key));
  const first = data.log[0];
  data.log = Array.from({ length: Store.LOG_MAX }, (_, i) => ({ ...first, at: new Date(Date.UTC(2020, 0, 1) + i * 60000).toISOString() }));
  storage.setItem(store.key, JSON.stringify(data));
  store.grade('a/b.html', 3, TUE);
  const log = store.log();
  assert.equal(log.length, Store.LOG_MAX);
  assert.equal(log[0].at, '2020-01-01T00:01:00.000Z', 'the oldest grade went');
  assert.equal(log[log.length - 1].at, TUE.toISOString());
});

test('two guides in one browser never see each other\'s progress', () => {
  const storage = new MemoryStorage();
  graded(storage);
  const other = Store.open('Go Interview Questions', storage);
  assert.deepEqual(other.all(), {});
  other.grade('concurrency/what-is-the-gil.html', 1, TUE);
  assert.equal(Store.open(GUIDE, storage).get('concurrency/what-is-the-gil.html').state, 'learning');
  assert.equal(Store.open(GUIDE, storage).log().length, 3);
  assert.deepEqual([...storage.items.keys()].sort(),
    ['prepbook-progress:Go Interview Questions', 'prepbook-progress:Python Interview Questions']);
});

test('counts: known, learning, new and due today', () => {
  const store = graded();
  const urls = ['concurrency/what-is-the-gil.html', 'oop/slots.html', 'oop/mro.html', 'oop/new.html'];
  // The two cards in their minute steps are due today; the easy one in 8 days.
  assert.deepEqual(store.summarize(urls, '2025-06-02'), { total: 4, known: 1, learning: 2, new: 1, due: 2 });
  assert.deepEqual(store.summarize(urls, '2025-06-09'), { total: 4, known: 1, learning: 2, new: 1, due: 2 });
  assert.deepEqual(store.summarize(urls, '2025-06-10'), { total: 4, known: 1, learning: 2, new: 1, due: 3 });
});

test('restoring a record undoes a grade, in the log too; restoring null forgets the question', () => {
  const store = graded();
  const before = store.get('oop/slots.html');
  store.grade('oop/slots.html', 1, TUE);
  assert.equal(store.log().length, 4);
  store.restore('oop/slots.html', before);
  assert.deepEqual(store.get('oop/slots.html'), before);
  assert.deepEqual(store.log().map((e) => e.grade), ['good', 'easy', 'again'], 'the undone grade left the log');
  store.restore('oop/slots.html', null);
  assert.equal(store.get('oop/slots.html'), null);
  assert.deepEqual(store.log().map((e) => e.card), ['concurrency/what-is-the-gil.html', 'oop/mro.html']);
});

test('an export imported into an empty browser gives the same progress', () => {
  const store = graded();
  const text = store.exportJson(TUE);
  const data = JSON.parse(text);
  assert.equal(data.format, 'prepbook-progress');
  assert.equal(data.version, 2);
  assert.equal(data.guide, GUIDE);
  assert.equal(data.exported, '2025-06-03T09:00:00.000Z');
  assert.equal(data.retention, 0.9);
  assert.equal(data.log.length, 3);
  const fresh = Store.open(GUIDE, new MemoryStorage());
  const result = fresh.importJson(text);
  assert.deepEqual(result, { ok: true, added: 3, updated: 0, grades: 3, solved: 0 });
  assert.deepEqual(fresh.all(), store.all());
  assert.deepEqual(fresh.log(), store.log());
});

test('an import keeps, for each question, the progress seen last', () => {
  const older = graded();
  const exported = older.exportJson(MON);
  const newer = graded();
  newer.grade('oop/mro.html', 4, TUE);
  newer.grade('oop/new.html', 3, TUE);
  const result = newer.importJson(exported);
  assert.deepEqual(result, { ok: true, added: 0, updated: 0, grades: 0, solved: 0 }, 'the three grades are in both logs');
  assert.equal(newer.get('oop/mro.html').state, 'known', 'the newer local grade stays');
  const back = older.importJson(newer.exportJson(TUE));
  assert.deepEqual(back, { ok: true, added: 1, updated: 1, grades: 2, solved: 0 });
  assert.equal(older.get('oop/mro.html').state, 'known');
  assert.equal(older.log().length, 5);
  assert.deepEqual(older.log().map((e) => e.at), [...older.log().map((e) => e.at)].sort(), 'oldest first');
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
    [damaged((d) => { d.version = 3; }), /version 3; this site reads versions 1 and 2/],
    [damaged((d) => { d.guide = 'Go Interview Questions'; }), /for “Go Interview Questions”, not for “Python Interview Questions”/],
    [damaged((d) => { d.cards = []; }), /no list of questions/],
    [damaged((d) => { d.cards['oop/slots.html'].state = 'mastered'; }), /oop\/slots\.html is damaged: state/],
    [damaged((d) => { d.cards['oop/slots.html'].stability = 'high'; }), /stability/],
    [damaged((d) => { d.cards['oop/slots.html'].difficulty = 11; }), /difficulty/],
    [damaged((d) => { d.cards['oop/slots.html'].phase = 'mastered'; }), /phase/],
    [damaged((d) => { d.cards['oop/slots.html'].due = '2025-13-01'; }), /due/],
    [damaged((d) => { d.cards['oop/slots.html'].scheduled = -1; }), /scheduled/],
    [damaged((d) => { d.retention = 0.99; }), /desired retention in this file must be a number from 0.7 to 0.97/],
    [damaged((d) => { d.log = {}; }), /review log/],
    [damaged((d) => { d.log.push({ card: 'oop/slots.html', at: 'yesterday', grade: 'good', elapsed: 0, before: null }); }), /Entry 4 of the review log/],
    [damaged((d) => { d.log[0].grade = 'perfect'; }), /Entry 1 of the review log is damaged: grade/],
    [damaged((d) => { d.log[1].card = '../x.html'; }), /Entry 2 of the review log/],
    [(() => { const d = JSON.parse(fixture('progress-v1-sm2.json')); d.cards['oop/dataclasses.html'].ease = 'high'; return JSON.stringify(d); })(),
      /oop\/dataclasses\.html is damaged: ease/],
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

test('fields of the file outside the cards and the log are kept, on import and export', () => {
  // A later version, or another part of study mode, may add its own record to the file.
  const store = graded();
  const data = JSON.parse(store.exportJson(TUE));
  data.solved = { 'oop/slots.html': '2025-06-03T09:00:00.000Z' };
  const fresh = Store.open(GUIDE, new MemoryStorage());
  assert.equal(fresh.importJson(JSON.stringify(data)).ok, true);
  fresh.grade('oop/slots.html', 3, TUE);
  assert.deepEqual(JSON.parse(fresh.exportJson(TUE)).solved, data.solved);
});

test('the desired retention: kept per guide, from 0.70 to 0.97, and it changes the schedule', () => {
  const storage = new MemoryStorage();
  const store = Store.open(GUIDE, storage);
  assert.equal(store.retention(), 0.9, 'until the reader chooses');
  assert.equal(store.setRetention(0.99), false);
  assert.equal(store.setRetention(0.8), true);
  assert.equal(Store.open(GUIDE, storage).retention(), 0.8);
  const high = Store.open('Other', new MemoryStorage());
  high.setRetention(0.97);
  const low = Store.open('Other', new MemoryStorage());
  low.setRetention(0.7);
  const easy = (s) => Date.parse(s.grade('a/b.html', 4, MON).due);
  assert.ok(easy(high) < easy(low), 'a higher retention brings a card back sooner');
  // An import brings the file's retention into a browser where none was chosen, and only there.
  const fresh = Store.open(GUIDE, new MemoryStorage());
  fresh.importJson(store.exportJson(TUE));
  assert.equal(fresh.retention(), 0.8);
  high.importJson(low.exportJson(TUE));
  assert.equal(high.retention(), 0.97, 'the reader\'s own choice stays');
});

test('SM-2 progress in storage is migrated on first load, keeping every due day and grade', () => {
  const storage = new MemoryStorage();
  const key = Store.storageKey(GUIDE);
  const old = fixture('localstorage-v1-sm2.json').trim();
  storage.setItem(key, old);
  const sm2 = JSON.parse(old).cards;
  const store = Store.open(GUIDE, storage);
  const cards = store.all();
  assert.deepEqual(Object.keys(cards).sort(), Object.keys(sm2).sort(), 'every question');
  for (const [url, r] of Object.entries(sm2)) {
    assert.equal(Scheduler.dueDay(cards[url]), r.due, `${url} keeps its due day`);
    assert.equal(cards[url].lapses, r.due ? r.lapses : 0, url);
    assert.equal(cards[url].seen, r.seen, url);
    assert.equal(Store.problemWith(cards[url]), '', url);
  }
  assert.equal(cards['concurrency/what-is-the-gil.html'].stability, 15);
  assert.equal(cards['oop/abstract-base-classes.html'].phase, 'relearning', 'missed last: relearning, due today');
  assert.equal(cards['oop/composition-over-inheritance.html'].phase, 'new', 'only looked at');
  const grades = Object.values(sm2).reduce((n, r) => n + r.history.length, 0);
  const log = store.log();
  assert.equal(log.length, grades, 'every SM-2 grade is in the review log');
  assert.deepEqual(log.filter((e) => e.card === 'concurrency/asyncio-event-loop.html').map((e) => [e.grade, e.elapsed]),
    [['good', 0], ['again', 1], ['good', 0], ['good', 1], ['again', 6], ['good', 0]]);
  // Saved back in the new format, the old text kept aside; counts as the reader saw them.
  const saved = JSON.parse(storage.getItem(key));
  assert.equal(saved.version, 2);
  assert.equal(storage.getItem(key + ':sm2'), old);
  const urls = Object.keys(sm2);
  assert.deepEqual(store.summarize(urls, '2025-06-09'), { total: 6, known: 2, learning: 3, new: 1, due: 2 });
  assert.deepEqual(Store.open(GUIDE, storage).all(), cards, 'a second load changes nothing');
});

test('an SM-2 progress file exported by an earlier version imports', () => {
  const fresh = Store.open(GUIDE, new MemoryStorage());
  const result = fresh.importJson(fixture('progress-v1-sm2.json'));
  assert.deepEqual(result, { ok: true, added: 6, updated: 0, grades: 14, solved: 0 });
  const stored = new MemoryStorage();
  stored.setItem(Store.storageKey(GUIDE), fixture('localstorage-v1-sm2.json').trim());
  assert.deepEqual(fresh.all(), Store.open(GUIDE, stored).all(), 'the same as migrating it in storage');
  assert.equal(fresh.retention(), 0.9);
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
  assert.equal(data.version, Store.VERSION, 'solved exercises need no version of their own');

  const fresh = Store.open(GUIDE, new MemoryStorage());
  assert.deepEqual(fresh.importJson(JSON.stringify(data)), { ok: true, added: 3, updated: 0, grades: 3, solved: 1 });
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
  assert.deepEqual(fresh.importJson(JSON.stringify(data)), { ok: true, added: 3, updated: 0, grades: 3, solved: 0 });
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
