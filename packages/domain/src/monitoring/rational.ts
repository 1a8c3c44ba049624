/**
 * Exact rational numbers on bigint, for thresholds that binary floating point gets wrong
 * (0.2 + 0.7 + 0.1 is 0.9999999999999999 in floats; GB 18218 needs S ≥ 1 exactly). Numbers enter through
 * their shortest decimal string, so the value a user typed as 0.3 is exactly 3/10.
 */
export interface Rational {
  /** Numerator, carrying the sign. */
  readonly n: bigint;
  /** Denominator, always positive; the pair is kept reduced. */
  readonly d: bigint;
}

const abs = (x: bigint) => (x < 0n ? -x : x);
const gcd = (a: bigint, b: bigint): bigint => {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/** The reduced rational n/d; throws RangeError on a zero denominator. */
export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('分母不能为零');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** The exact value of a finite number's decimal representation (String(x)), or of a decimal string. */
export function fromDecimal(x: number | string): Rational {
  if (typeof x === 'number' && !Number.isFinite(x)) throw new RangeError(`不是有限数：${x}`);
  const m = DECIMAL.exec(String(x).trim());
  if (!m) throw new RangeError(`不是十进制数：${x}`);
  const [, sign, int, frac = '', exp = '0'] = m;
  const e = Number(exp) - frac.length;
  let n = BigInt(int! + frac);
  if (sign === '-') n = -n;
  return e >= 0 ? rational(n * 10n ** BigInt(e)) : rational(n, 10n ** BigInt(-e));
}

/** a + b. */
export function add(a: Rational, b: Rational): Rational {
  return rational(a.n * b.d + b.n * a.d, a.d * b.d);
}

/** a × b. */
export function mul(a: Rational, b: Rational): Rational {
  return rational(a.n * b.n, a.d * b.d);
}

/** a ÷ b; throws RangeError when b is zero. */
export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError('除数不能为零');
  return rational(a.n * b.d, a.d * b.n);
}

/** −1, 0 or 1 as a is less than, equal to or greater than b. */
export function cmp(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The value truncated toward zero to `places` decimals, as a number: display that never crosses a threshold. */
export function truncate(a: Rational, places: number): number {
  const scale = 10n ** BigInt(places);
  const t = (a.n * scale) / a.d; // bigint division truncates toward zero
  const digits = abs(t)
    .toString()
    .padStart(places + 1, '0');
  const cut = digits.length - places;
  const text = places > 0 ? `${digits.slice(0, cut)}.${digits.slice(cut)}` : digits;
  return Number(`${t < 0n ? '-' : ''}${text}`);
}

/** The exact value as 'n' or 'n/d'. */
export function toFractionString(a: Rational): string {
  return a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`;
}
