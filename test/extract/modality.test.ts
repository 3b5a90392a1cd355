import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract } from '../../src/extract/index.ts';

const article = (text: string) => ({ id: 'test', date: '2024-03-05', text });

test('a noun that is the subject of a modal is only possible or planned', () => {
  const could = extract(article('The minister said a wider truce in Darfur could be agreed within weeks.'));
  assert.equal(could.find((e) => e.type === 'agreement')?.modality, 'possible');
  const will = extract(article('A ceasefire in Darfur will take effect at midnight, mediators said.'));
  assert.equal(will.find((e) => e.type === 'agreement')?.modality, 'planned');
});

test('an attack that could not be verified is still reported as asserted', () => {
  const events = extract(article('An attack on the airport in Kismayo could not be independently verified.'));
  assert.equal(events.find((e) => e.type === 'attack')?.modality, 'asserted');
});

test('"since May" is a month, not a possibility', () => {
  const events = extract(
    article('The rebels, who have besieged Kidal since May, shelled the town on Monday.'),
  );
  assert.equal(events.find((e) => e.type === 'shelling')?.modality, 'asserted');
  const modal = extract(article('Rebels may shell Kidal on Monday, the army warned.'));
  assert.equal(modal.find((e) => e.type === 'shelling')?.modality, 'possible');
});
