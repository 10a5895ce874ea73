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
