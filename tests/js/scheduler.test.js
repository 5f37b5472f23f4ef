'use strict';
// The FSRS-6 scheduler of study mode (themes/default/static/study-scheduler.js, over the vendored
// ts-fsrs): the short-term steps, graduation, lapses, desired retention, the intervals shown on
// the grade buttons, the migration of SM-2 records, and the calendar arithmetic.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const S = require('../../themes/default/static/study-scheduler.js');
const FSRS = require('../../themes/default/static/vendor/ts-fsrs.js');

const AGAIN = 1;
const HARD = 2;
const GOOD = 3;
const EASY = 4;
const T0 = new Date('2025-06-02T09:00:00Z');
const minutes = (d, n) => new Date(d.getTime() + n * 60000);
const days = (d, n) => new Date(d.getTime() + n * 86400000);

/** The buttons' labels for `record` at `now`. */
const labels = (record, now, retention = 0.9) => S.preview(record, now, retention).map((due) => S.span(now, due));

test('the vendored ts-fsrs is the pinned version and implements FSRS-6', () => {
  assert.match(S.version(), /^v5\.4\.2 using FSRS-6/);
  assert.equal(FSRS.default_w.length, 21, 'FSRS-6 has 21 parameters');
});

test('a new card: again 1 minute, hard 6, good 10 (the second step), easy straight to days', () => {
  assert.deepEqual(labels(null, T0), ['1m', '6m', '10m', '8d']);
  const easy = S.review(null, EASY, T0);
  assert.equal(easy.state, 'known');
  assert.equal(easy.phase, 'review');
  assert.equal(S.dueDay(easy), S.dayOf(days(T0, 8)));
});

test('good, then good 10 minutes later: the card leaves its steps and comes back in days', () => {
  const a = S.review(null, GOOD, T0);
  assert.equal(a.state, 'learning');
  assert.equal(a.phase, 'learning');
  assert.equal(a.due, minutes(T0, 10).toISOString());
  assert.equal(a.reps, 1);
  const b = S.review(a, GOOD, minutes(T0, 10));
  assert.equal(b.state, 'known');
  assert.equal(b.phase, 'review');
  assert.ok(b.scheduled >= 1, `scheduled ${b.scheduled} days`);
  // Recalled on time again, the interval grows.
  const c = S.review(b, GOOD, new Date(b.due));
  assert.ok(c.scheduled > b.scheduled * 1.5, `${b.scheduled} then ${c.scheduled} days`);
  assert.ok(c.stability > b.stability);
});

test('again on a known card is a lapse: relearning for 10 minutes, lower stability, harder', () => {
  let card = S.review(null, EASY, T0);
  card = S.review(card, GOOD, new Date(card.due));
  const lapse = S.review(card, AGAIN, new Date(card.due));
  assert.equal(lapse.state, 'learning');
  assert.equal(lapse.phase, 'relearning');
  assert.equal(lapse.lapses, 1);
  assert.equal(lapse.due, minutes(new Date(card.due), 10).toISOString());
  assert.ok(lapse.stability < card.stability);
  assert.ok(lapse.difficulty > card.difficulty);
  const back = S.review(lapse, GOOD, new Date(lapse.due));
  assert.equal(back.state, 'known', 'good after the relearning step: known again');
});

test('a higher desired retention brings cards back sooner, a lower one later', () => {
  let card = S.review(null, GOOD, T0);
  card = S.review(card, GOOD, minutes(T0, 10));
  const now = new Date(card.due);
  const good = (r) => S.preview(card, now, r)[GOOD - 1] - now;
  assert.ok(good(0.97) < good(0.9) && good(0.9) < good(0.8) && good(0.8) < good(0.7));
  assert.equal(good(0.5), good(0.9), 'out of range: the initial 0.90');
  assert.equal(S.isRetention(0.7), true);
  assert.equal(S.isRetention(0.97), true);
  for (const bad of [0.69, 0.98, '0.9', NaN, null]) assert.equal(S.isRetention(bad), false, String(bad));
});

test('the stored record loses nothing: 1,000 random histories schedule as ts-fsrs does', () => {
  // Drives ts-fsrs with its own card objects and Prepbook with its stored records (through
  // JSON, as localStorage keeps them), with the same grades at the same times.
  const f = FSRS.fsrs({ request_retention: 0.9, enable_fuzz: false, enable_short_term: true });
  let seed = 7;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  for (let run = 0; run < 1000; run++) {
    let card = FSRS.createEmptyCard(T0);
    let record = null;
    let now = T0;
    const steps = 1 + Math.floor(random() * 12);
    for (let i = 0; i < steps; i++) {
      const grade = 1 + Math.floor(random() * 4);
      card = f.next(card, now, grade).card;
      record = JSON.parse(JSON.stringify(S.review(record, grade, now, 0.9)));
      assert.equal(record.due, card.due.toISOString(), `run ${run}, grade ${i + 1}`);
      assert.equal(record.phase, S.PHASES[card.state]);
      assert.equal(record.lapses, card.lapses);
      // The next review: on time, early or late.
      const wait = (card.due - now) * (0.5 + random() * 1.5);
      now = new Date(now.getTime() + Math.max(60000, Math.round(wait)));
    }
  }
});

test('grade buttons say how long until the card returns, as Anki does', () => {
  const t = T0;
  assert.equal(S.span(t, minutes(t, 0.2)), '1m');
  assert.equal(S.span(t, minutes(t, 10)), '10m');
  assert.equal(S.span(t, minutes(t, 180)), '3h');
  assert.equal(S.span(t, days(t, 1)), '1d');
  assert.equal(S.span(t, days(t, 30)), '30d');
  assert.equal(S.span(t, days(t, 76)), '2.5mo');
  assert.equal(S.span(t, days(t, 438)), '1.2y');
  assert.equal(S.span(t, days(t, 4000)), '11y');
});

test('an SM-2 record keeps its due day, its lapses and what the reader saw', () => {
  const sm2 = {
    state: 'known', reps: 3, lapses: 1, ease: 2.5, interval: 15, due: '2025-06-23', seen: '2025-06-08T09:00:00.000Z',
    history: [{ at: '2025-06-01T08:00:00.000Z', grade: 'good' }, { at: '2025-06-08T09:00:00.000Z', grade: 'good' }],
  };
  const r = S.fromSm2(sm2);
  assert.equal(S.dueDay(r), '2025-06-23');
  assert.equal(r.phase, 'review');
  assert.equal(r.state, 'known');
  assert.equal(r.stability, 15, 'at 90% retention, the stability is the interval');
  assert.equal(r.last, '2025-06-08T09:00:00.000Z', 'the last grade');
  assert.equal(r.lapses, 1);
  assert.equal(r.scheduled, 15);
  // Graded good when due, FSRS takes over from there: the interval grows past SM-2's 15 days.
  const next = S.review(r, GOOD, new Date('2025-06-23T09:00:00Z'));
  assert.ok(next.scheduled > 15, `${next.scheduled} days`);
});

test('SM-2 ease becomes FSRS difficulty: a lower ease, a harder card; within 1 to 10', () => {
  const at = (ease) => S.fromSm2({ state: 'known', reps: 3, lapses: 0, ease, interval: 10, due: '2025-06-20', seen: null, history: [] }).difficulty;
  const ds = [1.3, 1.7, 2.1, 2.5, 2.9, 3.5, 6].map(at);
  for (let i = 1; i < ds.length; i++) assert.ok(ds[i] <= ds[i - 1], ds.join(' '));
  assert.ok(ds[0] > ds[3], 'ease 1.3 is harder than the starting 2.5');
  assert.ok(ds.every((d) => d >= 1 && d <= 10), ds.join(' '));
  // The FSRS growth at that difficulty, on time, equals the SM-2 ease (before clamping).
  const w = FSRS.default_w;
  const d = at(2.5);
  const growth = 1 + Math.exp(w[8]) * (11 - d) * Math.pow(10, -w[9]) * (Math.exp(w[10] * 0.1) - 1);
  assert.ok(Math.abs(growth - 2.5) < 0.001, `growth ${growth}`);
});

test('an SM-2 card missed last (interval 0) is relearning; one only looked at is new', () => {
  const missed = S.fromSm2({ state: 'learning', reps: 0, lapses: 2, ease: 1.86, interval: 0, due: '2025-06-09', seen: '2025-06-09T09:00:00.000Z', history: [] });
  assert.equal(missed.phase, 'relearning');
  assert.equal(missed.state, 'learning');
  assert.equal(missed.lapses, 2);
  assert.equal(S.isDue(missed, '2025-06-09'), true, 'still due that day');
  const looked = S.fromSm2({ state: 'new', reps: 0, lapses: 0, ease: 2.5, interval: 0, due: null, seen: '2025-06-09T10:00:00.000Z', history: [] });
  assert.equal(looked.phase, 'new');
  assert.equal(looked.seen, '2025-06-09T10:00:00.000Z');
  assert.equal(S.isDue(looked, '2030-01-01'), false);
});

test('a review does not change the record it is given; only grades 1 to 4', () => {
  const card = S.review(null, GOOD, T0);
  const copy = { ...card };
  S.review(card, EASY, minutes(T0, 10));
  assert.deepEqual(card, copy);
  for (const bad of [0, 5, '3', 2.5, null]) {
    assert.throws(() => S.review(null, bad, T0), RangeError);
  }
  assert.deepEqual(S.GRADES, ['again', 'hard', 'good', 'easy']);
});

test('calendar days: months, years, leap days and differences', () => {
  assert.equal(S.addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(S.addDays('2023-02-28', 1), '2023-03-01');
  assert.equal(S.addDays('2024-12-31', 1), '2025-01-01');
  assert.equal(S.addDays('2025-03-30', 15), '2025-04-14');
  assert.equal(S.daysBetween('2025-01-01', '2025-03-01'), 59);
  assert.equal(S.daysBetween('2025-03-01', '2025-01-01'), -59);
  assert.equal(S.dayOf(new Date(2025, 0, 5, 23, 59)), '2025-01-05', 'the local calendar day');
  assert.equal(S.isDay('2025-02-28'), true);
  for (const bad of ['2025-02-30', '2025-1-1', '20250101', '', null, 20250101]) {
    assert.equal(S.isDay(bad), false, String(bad));
  }
});

test('a card is due on the day of its due time and after it, never before, and a new card never', () => {
  const card = S.review(null, EASY, new Date(2025, 0, 1, 9, 0));
  const due = S.dueDay(card);
  assert.equal(S.isDue(card, S.addDays(due, -1)), false);
  assert.equal(S.isDue(card, due), true);
  assert.equal(S.isDue(card, S.addDays(due, 30)), true);
  const step = S.review(null, GOOD, new Date(2025, 0, 1, 9, 0));
  assert.equal(S.isDue(step, '2025-01-01'), true, 'a card in its 10-minute step is due today');
  assert.equal(S.isDue(S.fresh(), '2025-01-02'), false);
  assert.equal(S.isDue(null, '2025-01-02'), false);
});
