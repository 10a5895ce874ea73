/**
 * The entity pipeline's vocabulary. Nothing here knows HTTP, ONNX or the pool: offsets are UTF-16
 * code units into the document text, types are Azure's finest entity types (api-version 2024-11-01+),
 * and metadata follows the 2025-11-01 schemas (`BaseMetadata` and its kinds).
 */
import type { EntitySpan } from '../model/types.ts';
import type { EntityType } from './taxonomy.ts';

/** A temporal value: `DateValue` in the 2025-11-01 spec. */
export interface DateValue {
  /** Extended ISO 8601 as Recognizers-Text writes it: `XXXX-04-12`, `T18`, `XXXX-WXX-1T18`, ... */
  readonly timex: string;
  /** The resolved value: `2026-04-12`, `18:00:00`, `2026-05-03 12:00:00`, or `not resolved` for sets. */
  readonly value: string;
  readonly modifier?: TemporalModifier;
}

/** `TemporalSpanValues` in the 2025-11-01 spec. */
export interface TemporalSpanValue {
  readonly begin?: string;
  readonly end?: string;
  /** ISO 8601 duration, e.g. `P3D`, `PT2H`. */
  readonly duration?: string;
  readonly modifier?: TemporalModifier;
  /** `(2026-05-01,2026-05-08,P7D)` style triplet, or a duration timex such as `P3D`. */
  readonly timex?: string;
}

export type TemporalModifier =
  | 'AfterApprox'
  | 'Before'
  | 'BeforeStart'
  | 'Approx'
  | 'ReferenceUndefined'
  | 'SinceEnd'
  | 'AfterMid'
  | 'Start'
  | 'After'
  | 'BeforeEnd'
  | 'Until'
  | 'End'
  | 'Less'
  | 'Since'
  | 'AfterStart'
  | 'BeforeApprox'
  | 'Mid'
  | 'More';

export type NumberKind = 'Integer' | 'Decimal' | 'Power' | 'Fraction' | 'Percent' | 'Unspecified';
export type RangeKind =
  | 'Number'
  | 'Speed'
  | 'Weight'
  | 'Length'
  | 'Volume'
  | 'Area'
  | 'Age'
  | 'Information'
  | 'Temperature'
  | 'Currency';
export type RangeInclusivity = 'NoneInclusive' | 'LeftInclusive' | 'RightInclusive' | 'LeftRightInclusive';

/** A measured value whose unit is one of the spec's unit enums (`LengthUnit`, `WeightUnit`, ...). */
interface UnitValue {
  readonly value: number;
  readonly unit: string;
}

/** Resolved metadata, one variant per `metadataKind` of the 2025-11-01 spec. */
export type Metadata =
  | { readonly metadataKind: 'DateMetadata'; readonly dateValues: readonly DateValue[] }
  | { readonly metadataKind: 'DateTimeMetadata'; readonly dateValues: readonly DateValue[] }
  | { readonly metadataKind: 'TimeMetadata'; readonly dateValues: readonly DateValue[] }
  | { readonly metadataKind: 'TemporalSetMetadata'; readonly dateValues: readonly DateValue[] }
  | { readonly metadataKind: 'TemporalSpanMetadata'; readonly spanValues: readonly TemporalSpanValue[] }
  | { readonly metadataKind: 'NumberMetadata'; readonly numberKind: NumberKind; readonly value: number }
  | {
      readonly metadataKind: 'NumericRangeMetadata';
      readonly rangeKind: RangeKind;
      readonly minimum: number;
      readonly maximum: number;
      readonly rangeInclusivity?: RangeInclusivity;
    }
  | {
      readonly metadataKind: 'OrdinalMetadata';
      readonly offset: string;
      readonly relativeTo: 'Current' | 'End' | 'Start';
      readonly value: string;
    }
  | ({ readonly metadataKind: 'CurrencyMetadata'; readonly iso4217?: string } & UnitValue)
  | ({ readonly metadataKind: 'TemperatureMetadata' } & UnitValue)
  | ({ readonly metadataKind: 'AgeMetadata' } & UnitValue)
  | ({ readonly metadataKind: 'LengthMetadata' } & UnitValue)
  | ({ readonly metadataKind: 'WeightMetadata' } & UnitValue)
  | ({ readonly metadataKind: 'VolumeMetadata' } & UnitValue)
  | ({ readonly metadataKind: 'AreaMetadata' } & UnitValue)
  | ({ readonly metadataKind: 'SpeedMetadata' } & UnitValue)
  | ({ readonly metadataKind: 'InformationMetadata' } & UnitValue);

/** Where a candidate came from; the overlap policy and the MISC rule look at it. */
export type Source = 'model' | 'rule';

/** One entity the pipeline proposes: a span of the text with its finest Azure type. */
export interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
  /** 0..1 */
  readonly confidence: number;
  readonly source: Source;
  readonly metadata?: Metadata;
  /** For a model span: the tagger's own label (PER, ORG, LOC, MISC) before refinement. */
  readonly modelLabel?: string;
  /**
   * How a rule candidate stands against the tagger's name for the same characters (adjust.ts
   * `dedupeSpans`; otherwise the higher confidence wins): `yields`, a list name that also names a place
   * or a club ("Wimbledon": the tagger's organisation or person read the context); `overrides`, a
   * name the context typed ("proficient in Salesforce": a Skill, whatever the tagger calls it);
   * `overridesPersonOrPlace`, a well-known company the tagger reads as a person or a place ("Bosch will
   * cut jobs", "Nokia"): it beats the tagger's person or place, and yields to its organisation or
   * miscellaneous name, which the refiner typed (a club, a product); `yieldsToOrganization`, a listed
   * product that is also its maker's name ("Coca-Cola and PepsiCo raised prices"): the tagger's
   * organisation beats it, its person or place does not; `overridesPerson`, a listed product of several
   * words ("Rolex Submariner"): it beats the tagger's person, no one's name.
   */
  readonly tagger?:
    'yields' | 'overrides' | 'overridesPersonOrPlace' | 'yieldsToOrganization' | 'overridesPerson';
}

/** What every rule recogniser receives besides the text. */
export interface RecognizerContext {
  /** The moment relative dates resolve against ("last week", "Monday"). */
  readonly now: Date;
}

/** A rule recogniser: a pure function from text to candidates, sorted by start. */
export type Recognizer = (text: string, ctx: RecognizerContext) => Candidate[];

/**
 * What the pool returns per entity: the model-level span (category and subcategory in api-version
 * 2023-04-01 terms) plus, for general NER, the finest Azure type and resolved metadata. Custom NER
 * entities carry no `type`: their category is the user's own label.
 */
export interface RecognizedEntity extends EntitySpan {
  readonly type?: EntityType;
  readonly metadata?: Metadata;
  /** The tagger's label where the entity came from the model (evaluation maps re-categorised MISC back). */
  readonly modelLabel?: string;
}
