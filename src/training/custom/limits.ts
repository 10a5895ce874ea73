/**
 * Azure's Custom NER data limits (service-limits.md) as far as they concern a project's content. The lower
 * bound of 10 documents per project is not enforced: a smaller project trains, its evaluation is just noisy.
 */
export const LIMITS = {
  maxDocuments: 100_000,
  /** Characters (UTF-16 code units) per document. */
  maxDocumentLength: 128_000,
  maxEntityTypes: 200,
  /** Characters per label. */
  maxLabelLength: 500,
  maxCategoryNameLength: 50,
} as const;

/** Entity names: letters, digits and any symbol but `: $ & % * ( ) + ~ # / ?` (no spaces either). */
export const CATEGORY_NAME = /^[^\s:$&%*()+~#/?]+$/u;
