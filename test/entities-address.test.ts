import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findAddresses } from '../src/entities/recognizers/address/index.ts';
import { withinCpuBudget } from './helpers/cpu-budget.ts';

const ctx = { now: new Date('2026-05-01T12:00:00Z') };

/** The text of every Address found. */
function addresses(text: string): string[] {
  return found(text, 'Address');
}

/** The text of every candidate of `type` found (every one is a rule's). */
function found(text: string, type: 'Address' | 'Location'): string[] {
  return findAddresses(text, ctx)
    .filter((c) => {
      assert.equal(c.source, 'rule');
      return c.type === type;
    })
    .map((c) => text.slice(c.start, c.end));
}

describe('Address: US', () => {
  it('takes the whole address and nothing of the sentence around it', () => {
    assert.deepEqual(addresses('write to 1 Microsoft Way, Redmond, WA 98052.'), [
      '1 Microsoft Way, Redmond, WA 98052',
    ]);
    assert.deepEqual(
      addresses(
        'The CEO of Contoso will speak at Build 2024 on May 21; write to 1 Microsoft Way, Redmond, WA 98052.',
      ),
      ['1 Microsoft Way, Redmond, WA 98052'],
    );
  });
  it("reads Azure's own example", () => {
    assert.deepEqual(addresses('330 Independence Ave SW, Washington, DC 20237'), [
      '330 Independence Ave SW, Washington, DC 20237',
    ]);
  });
  it('reads directions, units, ZIP+4, state names and a country', () => {
    assert.deepEqual(addresses('1600 Pennsylvania Ave NW, Washington, DC 20500'), [
      '1600 Pennsylvania Ave NW, Washington, DC 20500',
    ]);
    // A direction in full that ends the street's line; not one that begins a state's name.
    assert.deepEqual(addresses('The clinic is at 200 First Avenue North, Seattle.'), [
      '200 First Avenue North, Seattle',
    ]);
    assert.deepEqual(addresses('The clinic is at 200 Main Street North Carolina.'), ['200 Main Street']);
    assert.deepEqual(
      addresses('Send it to 500 Oracle Parkway, Suite 200, Redwood City, CA 94065, USA today'),
      ['500 Oracle Parkway, Suite 200, Redwood City, CA 94065, USA'],
    );
    assert.deepEqual(addresses('Our office: 350 Fifth Avenue, Apt 4B, New York, NY 10118-0110'), [
      '350 Fifth Avenue, Apt 4B, New York, NY 10118-0110',
    ]);
    assert.deepEqual(addresses('Room at 1 Main St #12, Boston, MA 02110'), [
      '1 Main St #12, Boston, MA 02110',
    ]);
    assert.deepEqual(addresses('It moved to 42 Elm Road, Springfield, Illinois last year'), [
      '42 Elm Road, Springfield, Illinois',
    ]);
    // A Canadian postal code after the province.
    assert.deepEqual(addresses('Deliver to Unit 7B, 45 King St W, Toronto, ON M5H 1J8 by noon.'), [
      'Unit 7B, 45 King St W, Toronto, ON M5H 1J8',
    ]);
  });
  it('reads addresses over two lines and PO boxes', () => {
    assert.deepEqual(addresses('Acme Corp\n1 Main St\nSpringfield, IL 62701\n'), [
      '1 Main St\nSpringfield, IL 62701',
    ]);
    assert.deepEqual(addresses('PO Box 123, Springfield, IL 62701'), ['PO Box 123, Springfield, IL 62701']);
    assert.deepEqual(addresses('Mail P.O. Box 45, Austin, TX please'), ['P.O. Box 45, Austin, TX']);
  });
  it('leaves the period of an abbreviated street type to the sentence', () => {
    assert.deepEqual(addresses('Meet me at 5 Main St. Then go.'), ['5 Main St']);
  });
  it('takes a unit written before the street into a full address only', () => {
    assert.deepEqual(addresses('Deliver to Apt 4B, 123 Main St, Springfield, IL 62701.'), [
      'Apt 4B, 123 Main St, Springfield, IL 62701',
    ]);
    assert.deepEqual(addresses('Flat 3, 12 High Street, Oxford OX1 4AA is free.'), [
      'Flat 3, 12 High Street, Oxford OX1 4AA',
    ]);
    assert.deepEqual(addresses('Room 12, 5 Main Street was cold.'), ['5 Main Street']);
    // In lower case too, as chat writes it.
    assert.deepEqual(addresses('deliver to apt 3B, 1250 Oak Street, San Francisco, CA 94117'), [
      'apt 3B, 1250 Oak Street, San Francisco, CA 94117',
    ]);
    assert.deepEqual(addresses('the unit 5, 20 Main St was sold'), ['20 Main St']);
    // "Suite 400" is no continental street named "Suite" with house number 400.
    assert.deepEqual(addresses('We moved to Suite 400, 1200 Market Street, San Francisco, CA 94102.'), [
      'Suite 400, 1200 Market Street, San Francisco, CA 94102',
    ]);
  });
  it('reads on after the period of an abbreviated street type and a comma', () => {
    assert.deepEqual(addresses('Deliver to 123 Main St., Springfield, IL 62701.'), [
      '123 Main St., Springfield, IL 62701',
    ]);
    assert.deepEqual(addresses('Send it to 500 Oak Ave., Suite 200, Dallas, TX 75201 today.'), [
      '500 Oak Ave., Suite 200, Dallas, TX 75201',
    ]);
  });
  it('reads a town after the street without a comma when a state and its ZIP follow (a scanned form)', () => {
    assert.deepEqual(addresses('whose address is 1441 Main Street Springfield, MA 01103 and'), [
      '1441 Main Street Springfield, MA 01103',
    ]);
    assert.deepEqual(addresses('Ship to 500 Oak Ave Denver CO 80202 today.'), [
      '500 Oak Ave Denver CO 80202',
    ]);
    // Without the ZIP the town stays out.
    assert.deepEqual(addresses('Meet at 5 Main Street Springfield, MA by noon.'), ['5 Main Street']);
  });
});

describe('Address: UK', () => {
  it('reads street, town and postcode', () => {
    assert.deepEqual(addresses('10 Downing Street, London SW1A 2AA'), ['10 Downing Street, London SW1A 2AA']);
    // A district before the town and its postcode.
    assert.deepEqual(addresses('at 1 Canada Square, Canary Wharf, London E14 5AB.'), [
      '1 Canada Square, Canary Wharf, London E14 5AB',
    ]);
    assert.deepEqual(addresses('Suite: 12 High Street, Floor 3, Oxford OX1 4AA.'), [
      '12 High Street, Floor 3, Oxford OX1 4AA',
    ]);
  });
  it('reads a unit of a named building or estate, which British business addresses give instead of a number', () => {
    assert.deepEqual(addresses('located at Unit 7, Riverside Industrial Estate, Manchester M17 1AB.'), [
      'Unit 7, Riverside Industrial Estate, Manchester M17 1AB',
    ]);
    assert.deepEqual(addresses('Flat 2, Rose House, 14 Mill Lane, Bristol BS1 5AA'), [
      'Flat 2, Rose House, 14 Mill Lane, Bristol BS1 5AA',
    ]);
    // Without a postcode it is no mailing address.
    assert.deepEqual(addresses('Unit 3, Harbour Court is empty; Unit 4, Leeds Park, Leeds.'), []);
  });
  it('takes a street with a house number alone', () => {
    assert.deepEqual(addresses('Sherlock Holmes lived at 221B Baker Street.'), ['221B Baker Street']);
    assert.deepEqual(addresses('He lives at 12 Kings Court.'), ['12 Kings Court']);
  });
});

describe('Address: Ireland', () => {
  it("reads Dublin's postal districts and Eircodes, with a unit before the street", () => {
    assert.deepEqual(addresses('Our new address is Unit 4, 18 Harbour Road, Dublin 4, D04 X2Y9, Ireland.'), [
      'Unit 4, 18 Harbour Road, Dublin 4, D04 X2Y9, Ireland',
    ]);
    assert.deepEqual(addresses('Send it to 12 Eyre Square, Galway H91 E2K3.'), [
      '12 Eyre Square, Galway H91 E2K3',
    ]);
    assert.deepEqual(addresses('He lives at 5 Main Street, Dublin 6W.'), ['5 Main Street, Dublin 6W']);
  });
  it('takes no day or month after a town into it', () => {
    assert.deepEqual(addresses('We met at 3 Grafton Street, Dublin on Monday.'), ['3 Grafton Street']);
    assert.deepEqual(addresses('Visit 7 Quay Street, Galway on May 5.'), ['7 Quay Street']);
  });
});

describe('Address: continental Europe', () => {
  it('reads street, number, postcode and city', () => {
    assert.deepEqual(addresses('Unter den Linden 77, 10117 Berlin'), ['Unter den Linden 77, 10117 Berlin']);
    assert.deepEqual(addresses('Visit us at Rue de Rivoli 99, 75001 Paris!'), [
      'Rue de Rivoli 99, 75001 Paris',
    ]);
    assert.deepEqual(addresses('Calle Mayor 5, 28013 Madrid'), ['Calle Mayor 5, 28013 Madrid']);
    assert.deepEqual(addresses('Damrak 1, 1012 LG Amsterdam'), ['Damrak 1, 1012 LG Amsterdam']);
    assert.deepEqual(addresses('Send it to 99 Rue de Rivoli, 75001 Paris, France.'), [
      '99 Rue de Rivoli, 75001 Paris, France',
    ]);
    assert.deepEqual(addresses('Visit Hauptstraße 5, Berlin.'), ['Hauptstraße 5, Berlin']);
    // A German sentence's capitalised nouns and its particle stay out of the street.
    assert.deepEqual(addresses('Bitte senden Sie die Unterlagen an Musterstraße 12, 10115 Berlin.'), [
      'Musterstraße 12, 10115 Berlin',
    ]);
    assert.deepEqual(addresses('Alte Landstraße 5, 80331 München'), ['Alte Landstraße 5, 80331 München']);
    assert.deepEqual(addresses('Kurfürstendamm 21, 10719 Berlin, Germany'), [
      'Kurfürstendamm 21, 10719 Berlin, Germany',
    ]);
    assert.deepEqual(addresses('Keizersgracht 123, 1015 CJ Amsterdam'), [
      'Keizersgracht 123, 1015 CJ Amsterdam',
    ]);
    assert.deepEqual(addresses('Via del Corso 12, 00186 Roma'), ['Via del Corso 12, 00186 Roma']);
    assert.deepEqual(addresses('chez 12 rue de la Paix, 75002 Paris'), ['12 rue de la Paix, 75002 Paris']);
    assert.deepEqual(addresses('I saw 3 via satellite; Zimmer 5, Frankfurt am Main'), []);
  });
});

describe('Address: not addresses', () => {
  it('finds nothing in counts, distances, versions and dates', () => {
    assert.deepEqual(addresses('I have 3 dogs and 2 cats living on my street'), []);
    assert.deepEqual(addresses('He ran 5 miles down Main Street'), []); // a street without a number is no address
    assert.deepEqual(addresses('Windows 10, 2019 Edition; Boeing 747 landed; Build 2024 on May 21'), []);
    assert.deepEqual(addresses('Top 10 Best Way to cook rice'), []);
    assert.deepEqual(addresses('in 2019 Main Street was renamed'), []);
    assert.deepEqual(addresses('Calle 62 between 61 and 63; Monaco 2 Paris St Germain 0'), []);
  });
  it('reads no street through English function words in text written in capitals', () => {
    assert.deepEqual(addresses('FROM 54 BASIS POINTS AT THE CLOSE OF TRADING ON THURSDAY .'), []);
    assert.deepEqual(
      addresses("WE 'D STILL HAVE 20 MILLION VEHICLES ON THE ROAD WITH CURRENT TECHNOLOGY"),
      [],
    );
    assert.deepEqual(
      addresses('THE ATTACK TOOK PLACE IN SERGIYEV POSAD 70 KM ( 45 MILES ) FROM THE CAPITAL'),
      [],
    );
    assert.deepEqual(addresses('SEND IT TO 1 MICROSOFT WAY, REDMOND, WA 98052 BY FRIDAY.'), [
      '1 MICROSOFT WAY, REDMOND, WA 98052',
    ]);
    assert.deepEqual(addresses('RUE DE RIVOLI 99, 75001 PARIS'), ['RUE DE RIVOLI 99, 75001 PARIS']);
  });
  it('stops before a name that follows a bare street', () => {
    assert.deepEqual(addresses('12 Elm Street, John said.'), ['12 Elm Street']);
  });
});

describe('Address: numbered streets', () => {
  it('finds a numbered street on its own as a street-level Address, and inside an address as the address', () => {
    const text = 'The store at 5th Avenue and 57th Street closes at 9; meet me on 42nd St NW.';
    assert.deepEqual(addresses(text), ['5th Avenue', '57th Street', '42nd St NW']);
    assert.deepEqual(found(text, 'Location'), []);
    const office = 'Our office is at 221 5th Avenue, New York, NY 10001.';
    assert.deepEqual(addresses(office), ['221 5th Avenue, New York, NY 10001']);
  });
  it('finds a numbered road as an Address: "Route 66", "Highway 101", "I-95 North"', () => {
    assert.deepEqual(
      found('Along Route 66, then Highway 101 and Interstate 5; I-95 North is jammed.', 'Address'),
      ['Route 66', 'Highway 101', 'Interstate 5', 'I-95 North'],
    );
    assert.deepEqual(found('The route 66 bus; I think 5 is enough.', 'Address'), []);
    // Chat writes an interstate in lower case: a road after a word that leads to one only.
    assert.deepEqual(found('traffic on i-5 is insane, take i-90; my i-5 processor', 'Address'), [
      'i-5',
      'i-90',
    ]);
  });
  it('leaves a rank, a lower-case street and a draft round alone', () => {
    assert.deepEqual(found('He finished 5th; the 3rd street vendor; a 4th Rd pick.', 'Address'), []);
  });
});

describe('Address: pathological input', () => {
  it('bounds time and output', () => {
    const inputs = [
      'x'.repeat(5000),
      '1 Main St, '.repeat(1000),
      '9'.repeat(10000),
      'Street 1 '.repeat(1000),
    ];
    for (const text of inputs) {
      const found = withinCpuBudget(500, () => findAddresses(text, ctx));
      assert.ok(found.length <= 100);
    }
    assert.equal(findAddresses('1 Main St, '.repeat(1000), ctx).length, 100);
    assert.deepEqual(findAddresses('9'.repeat(10000), ctx), []);
  });
});
