'use strict';
// The SM-2 scheduler of study mode (themes/default/static/study-scheduler.js): the intervals,
// ease factors, states and due days the README documents, worked out by hand.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const S = require('../../themes/default/static/study-scheduler.js');

const AGAIN = 1;
const HARD = 2;
const GOOD = 3;
const EASY = 4;

/** Grades a fresh card in turn, one review per day given; returns every schedule. */
function run(steps) {
  let card = null;
  return steps.map(([grade, day]) => {
    card = S.review(card, grade, day);
    return card;
  });
}

test('good, good, good: 1 day, 6 days, then 6 x 2.5 = 15 days', () => {
  const [a, b, c] = run([[GOOD, '2025-01-10'], [GOOD, '2025-01-11'], [GOOD, '2025-01-17']]);
  assert.deepEqual(a, { state: 'learning', reps: 1, lapses: 0, ease: 2.5, interval: 1, due: '2025-01-11' });
  assert.deepEqual(b, { state: 'known', reps: 2, lapses: 0, ease: 2.5, interval: 6, due: '2025-01-17' });
  assert.deepEqual(c, { state: 'known', reps: 3, lapses: 0, ease: 2.5, interval: 15, due: '2025-02-01' });
});

test('easy raises the ease by 0.1 and makes the card known at once', () => {
  const [a, b, c] = run([[EASY, '2025-03-01'], [GOOD, '2025-03-02'], [GOOD, '2025-03-08']]);
  assert.equal(a.state, 'known');
  assert.equal(a.ease, 2.6);
  assert.equal(a.interval, 1);
  assert.equal(b.interval, 6);
  assert.equal(b.ease, 2.6, 'good leaves the ease as it is');
  assert.equal(c.interval, 16, 'round(6 x 2.6) = round(15.6)');
  assert.equal(c.due, '2025-03-24');
});

test('hard counts as recalled but lowers the ease by 0.14 and keeps the card learning', () => {
  const [a, b] = run([[HARD, '2025-01-01'], [HARD, '2025-01-02']]);
  assert.equal(a.interval, 1);
  assert.equal(a.ease, 2.36);
  assert.equal(a.state, 'learning');
  assert.equal(b.interval, 6);
  assert.equal(b.ease, 2.22);
  assert.equal(b.state, 'learning');
});

test('again restarts the streak, makes the card due today and lowers the ease by 0.32', () => {
  const [, , c, d] = run([[GOOD, '2025-01-01'], [GOOD, '2025-01-02'], [AGAIN, '2025-01-08'], [GOOD, '2025-01-08']]);
  assert.deepEqual(c, { state: 'learning', reps: 0, lapses: 1, ease: 2.18, interval: 0, due: '2025-01-08' });
  assert.equal(d.interval, 1, 'after a lapse the intervals start over: 1 day');
  assert.equal(d.due, '2025-01-09');
  assert.equal(d.lapses, 1);
});

test('the ease never drops below 1.3', () => {
  const eases = run([[AGAIN, '2025-01-01'], [AGAIN, '2025-01-01'], [AGAIN, '2025-01-01'], [AGAIN, '2025-01-01'],
    [AGAIN, '2025-01-01']]).map((c) => c.ease);
  assert.deepEqual(eases, [2.18, 1.86, 1.54, 1.3, 1.3]);
  assert.equal(S.nextEase(1.3, 5), 1.4);
});

test('a review does not change the card it is given', () => {
  const card = S.review(null, GOOD, '2025-01-01');
  const copy = { ...card };
  S.review(card, EASY, '2025-01-02');
  assert.deepEqual(card, copy);
});

test('only grades 1 to 4 are accepted', () => {
  for (const bad of [0, 5, '3', 2.5, null]) {
    assert.throws(() => S.review(null, bad, '2025-01-01'), RangeError);
  }
  assert.deepEqual(S.GRADES, ['again', 'hard', 'good', 'easy']);
  assert.deepEqual([1, 2, 3, 4].map(S.quality), [2, 3, 4, 5]);
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

test('a card is due on its due day and after it, never before, and a new card never', () => {
  const card = S.review(null, GOOD, '2025-01-01');
  assert.equal(S.isDue(card, '2024-12-31'), false);
  assert.equal(S.isDue(card, '2025-01-01'), false);
  assert.equal(S.isDue(card, '2025-01-02'), true);
  assert.equal(S.isDue(card, '2025-02-02'), true);
  assert.equal(S.isDue(S.fresh(), '2025-01-02'), false);
  assert.equal(S.isDue(null, '2025-01-02'), false);
});
