import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPatterns } from '../src/entities/recognizers/patterns.ts';

const ctx = { now: new Date('2026-01-15T12:00:00Z') };

/** [category, matched text] of every pattern entity in `text`. */
function found(text: string): [string, string][] {
  return findPatterns(text, ctx).map((e) => [e.type, text.slice(e.start, e.end)]);
}

describe('Email', () => {
  it('finds plain addresses and drops wrapping punctuation', () => {
    assert.deepEqual(found('Mail bob.smith+ner@mail.example.co.uk.'), [
      ['Email', 'bob.smith+ner@mail.example.co.uk'],
    ]);
    assert.deepEqual(found('From: Bob <bob@example.com>'), [['Email', 'bob@example.com']]);
    assert.deepEqual(found('(alice_1@corp-mail.org), next'), [['Email', 'alice_1@corp-mail.org']]);
  });
  it('rejects malformed addresses', () => {
    assert.deepEqual(found('user@localhost and a@b.c and x..y@example.com and @handle'), []);
  });
  it('is never also reported as a URL', () => {
    assert.deepEqual(found('write to info@www.example.com'), [['Email', 'info@www.example.com']]);
  });
});

describe('URL', () => {
  it('strips trailing sentence punctuation and unbalanced brackets', () => {
    assert.deepEqual(found('See https://example.com/a?b=1&c=2.'), [['URL', 'https://example.com/a?b=1&c=2']]);
    assert.deepEqual(found('(see http://example.org/page)'), [['URL', 'http://example.org/page']]);
    assert.deepEqual(found('https://en.wikipedia.org/wiki/Foo_(bar), ok'), [
      ['URL', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ]);
  });
  it('finds www. and bare domains with a common TLD but not abbreviations', () => {
    assert.deepEqual(found('Go to www.example.net! Or microsoft.com/en-us.'), [
      ['URL', 'www.example.net'],
      ['URL', 'microsoft.com/en-us'],
    ]);
    assert.deepEqual(found('The U.S. and e.g. Inc. are not URLs, nor is file.txt'), []);
  });
});

describe('IP', () => {
  it('finds IPv4 addresses but not invalid or longer dotted numbers', () => {
    assert.deepEqual(found('Hosts 10.0.0.1 and 192.168.1.254.'), [
      ['IP', '10.0.0.1'],
      ['IP', '192.168.1.254'],
    ]);
    assert.deepEqual(found('Bad: 999.1.1.1, 1.2.3, 1.2.3.4.5, 256.256.256.256, version 1.10.2.3.4'), []);
  });
  it('finds IPv6 in full, compressed, loopback and IPv4-mapped forms', () => {
    assert.deepEqual(found('full 2001:0db8:85a3:0000:0000:8a2e:0370:7334 here'), [
      ['IP', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
    ]);
    assert.deepEqual(found('compressed 2001:db8::1, loopback ::1.'), [
      ['IP', '2001:db8::1'],
      ['IP', '::1'],
    ]);
    assert.deepEqual(found('mapped ::ffff:192.0.2.128 ok'), [['IP', '::ffff:192.0.2.128']]);
  });
  it('does not take times or ratios for IPv6', () => {
    assert.deepEqual(found('at 10:30:00 the score was 2:1'), []);
  });
});

describe('PhoneNumber', () => {
  it('finds numbers with a country code, parentheses and dashes', () => {
    assert.deepEqual(found('Call +1 (425) 555-0100 or +44 20 7946 0958.'), [
      ['PhoneNumber', '+1 (425) 555-0100'],
      ['PhoneNumber', '+44 20 7946 0958'],
    ]);
    assert.deepEqual(found('Office: (425) 555-0100, fax 425-555-0199, 1-800-555-0123'), [
      ['PhoneNumber', '(425) 555-0100'],
      ['PhoneNumber', '425-555-0199'],
      ['PhoneNumber', '1-800-555-0123'],
    ]);
    assert.deepEqual(found('+49-30-1234567'), [['PhoneNumber', '+49-30-1234567']]);
  });
  it('ignores dates, scores, amounts and plain numbers', () => {
    assert.deepEqual(found('On 1996-08-22 and 22.08.1996 and 08/22/1996 it won 6-3 6-4.'), []);
    assert.deepEqual(found('Revenue rose to 1,234,567 from 7654321 (up 12.5 pct) in 1996-97.'), []);
  });
});

describe('prefilters: each pattern still runs whenever its trigger occurs', () => {
  it('finds each kind alone in a text, at the edges of the text', () => {
    assert.deepEqual(found('a@b.io'), [['Email', 'a@b.io']]);
    assert.deepEqual(found('WWW.EXAMPLE.ORG'), [['URL', 'WWW.EXAMPLE.ORG']]);
    assert.deepEqual(found('www.x-1.example'), [['URL', 'www.x-1.example']]);
    assert.deepEqual(found('ftp://host'), [['URL', 'ftp://host']]);
    assert.deepEqual(found('Visit Example.COM'), [['URL', 'Example.COM']]);
    assert.deepEqual(found('1.2.3.4'), [['IP', '1.2.3.4']]);
    assert.deepEqual(found('::1'), [['IP', '::1']]);
    assert.deepEqual(found('+1 2 3 4 5 6 7'), [['PhoneNumber', '+1 2 3 4 5 6 7']]);
    assert.deepEqual(found('555-0100'), [['PhoneNumber', '555-0100']]);
  });
  it('finds nothing in prose with no trigger, or triggers too few (six digits, one colon, two dots)', () => {
    assert.deepEqual(found('Note: the 3.5 kg box (ref 123-456) left at 9.30 on 1.2.3 road.'), []);
  });
});
