import { countTextElements } from '../text/string-index.ts';
import type { UsageContext } from './usage.ts';

/** One text record per started 1,000 characters: Azure's billing unit. */
export function textRecords(characters: number): number {
  return Math.max(1, Math.ceil(characters / 1000));
}

/**
 * Records one analysed document costs, counted in text elements like the `transactionsCount`
 * statistics the client sees. A string never has more text elements than UTF-16 units, so short
 * texts skip the (slower) grapheme count.
 */
export function documentRecords(text: string): number {
  return textRecords(text.length <= 1000 ? text.length : countTextElements(text));
}

/** Records of the documents of one analysed request. */
export function requestRecords(texts: readonly string[]): number {
  return texts.reduce((n, t) => n + documentRecords(t), 0);
}

/** The billing dimension (Marketplace custom meter) each operation is reported under. */
export const DIMENSIONS: Readonly<Record<UsageContext['operation'], string>> = {
  EntityRecognition: 'ner-text-records',
  CustomEntityRecognition: 'custom-ner-text-records',
};
