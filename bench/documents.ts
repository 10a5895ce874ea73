/** Benchmark documents: English news-style sentences written for this benchmark (not from any data set). */
export const SENTENCES = [
  'Angela Weber, the chief executive of Northwind Traders, met investors in Frankfurt on Tuesday to discuss the merger.',
  'The United Nations said on Monday that aid convoys had reached the city of Aleppo after weeks of delays.',
  'Contoso Pharmaceuticals shares rose 4 percent in New York after the company reported strong sales in Japan.',
  'Coach Miguel Alvarez praised his players after Real Madrid beat Valencia 3-1 at the Bernabeu on Saturday.',
  'Officials from the European Commission and the World Bank will visit Nairobi next month, a spokesman said.',
  'Fabrikam Inc. opened a new research centre in Toronto, hiring engineers from the University of Waterloo.',
  'Prime Minister Li Wei arrived in Canberra for talks with Australian leaders on trade and regional security.',
  'The Boston Celtics signed guard Jamal Carter to a two-year contract, the team announced on its website.',
];

/** A document of about `sentences` sentences, varied by `seed`. */
export function makeDocument(seed: number, sentences = 2): string {
  return Array.from({ length: sentences }, (_, i) => SENTENCES[(seed + i) % SENTENCES.length]).join(' ');
}

/**
 * Sentences written for the taxonomy benchmark: the kinds of text callers send (mail, tickets,
 * contracts, reviews), dense in dates, amounts, measures, roles, addresses, products and events.
 */
export const RICH_SENTENCES = [
  'I had a wonderful trip to Seattle last week and paid $200 for a 3-night stay at the Hyatt.',
  'The CEO of Contoso, John Smith, will speak at Build 2024 on May 21; write to 1 Microsoft Way, Redmond, WA 98052.',
  'Please send the signed contract to legal@fabrikam.com by Friday, March 14, 2025 at 5 pm.',
  'Our support engineer replaced the 2 TB drive and the ticket was closed within 3 hours.',
  'Revenue grew 12.5% to €4.2 million in the third quarter, the chief financial officer said.',
  'The package weighs 3.5 kg and measures 40 cm by 30 cm; delivery takes two to four business days.',
  'Temperatures will reach 35°C on Saturday, so the marathon starts at 6:30 am instead of 8 am.',
  'Our software developer, aged 34, has ten years of experience with Python and machine learning.',
  'Call our office at +1 (425) 555-0100 every Monday between 9 am and 5 pm about your Surface Pro.',
  'The tenant at 221B Baker Street, London NW1 6XE must pay £1,250 on the first day of each month.',
];
