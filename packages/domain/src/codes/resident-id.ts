/** GB 11643-1999 resident identity number (公民身份号码). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function residentIdCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type ResidentIdVerdict =
  | { valid: true; birthDate: string; sex: 'male' | 'female' }
  | { valid: false; reason: 'format' | 'date' | 'check'; message: string };

/** Validates format, birth date (a real calendar date, not in the future relative to `today`) and check character. */
export function validateResidentId(raw: string, today: Date = new Date()): ResidentIdVerdict {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { valid: false, reason: 'format', message: '身份证号应为18位（末位可为X）' };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real || y < 1900 || date.getTime() > today.getTime()) {
    return { valid: false, reason: 'date', message: '身份证号中的出生日期无效' };
  }
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) {
    return { valid: false, reason: 'check', message: '身份证号校验位错误' };
  }
  return {
    valid: true,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

export function withResidentIdCheck(first17: string): string {
  const c = residentIdCheckChar(first17);
  if (!c) throw new Error(`invalid resident id stem ${first17}`);
  return first17 + c;
}

/** Masks an identity number for display: 150602********1238. */
export function maskResidentId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '****';
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
