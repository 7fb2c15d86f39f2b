/**
 * Colours as Sheets reports them: lower-case #rrggbb. Scripts may pass CSS names or #rgb.
 */
const NAMED: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
  maroon: '#800000',
  navy: '#000080',
  teal: '#008080',
  olive: '#808000',
  aqua: '#00ffff',
  cyan: '#00ffff',
  fuchsia: '#ff00ff',
  magenta: '#ff00ff',
  pink: '#ffc0cb',
  lightgray: '#d3d3d3',
  lightgrey: '#d3d3d3',
  transparent: '#ffffff',
};

/** Normalises a colour; null or '' means "reset to the default" and returns null. */
export function normalizeColor(color: unknown): string | null {
  if (color === null || color === undefined || color === '') return null;
  const text = String(color).trim().toLowerCase();
  const named = NAMED[text];
  if (named) return named;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(text);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return text;
}
