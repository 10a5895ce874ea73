/** Reference (Recognizers-Text) unit names → Azure 2025-11-01 unit enum names. */
export type Kind =
  'Age' | 'Area' | 'Information' | 'Length' | 'Speed' | 'Temperature' | 'Volume' | 'Weight' | 'Angle';

/** Reference unit names whose Azure enum name is not their PascalCase form. */
const AZURE_UNIT: Record<string, string> = {
  Pt: 'Point',
  'Cubic millimiter': 'CubicMillimeter',
  'Long ton (British)': 'LongTonBritish',
  'Short ton (US)': 'ShortTonUS',
  'Short hundredweight (US)': 'ShortHundredWeightUS',
  Pennyweight: 'PennyWeight',
  Knot: 'Knots',
  F: 'Fahrenheit',
  C: 'Celsius',
  K: 'Kelvin',
  R: 'Rankine',
  D: 'Unspecified',
  Degree: 'Unspecified',
  Age: 'Unspecified',
};
const PLURAL: Record<string, string> = { Foot: 'Feet', Mile: 'Miles', Yard: 'Yards' };

export function azureUnit(name: string): string {
  if (AZURE_UNIT[name]) return AZURE_UNIT[name];
  const per = /^(\w+) per (\w+)$/.exec(name);
  if (per) {
    const [, a, b] = per as unknown as [string, string, string];
    return `${PLURAL[a] ?? `${a}s`}Per${b[0]!.toUpperCase()}${b.slice(1)}`;
  }
  return name
    .split(/[\s()]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}
