/** GB 32100-2015 unified social credit code (统一社会信用代码). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Known registration-authority + entity-type pairs; unknown pairs only warn (domain-facts §7.1). */
const KNOWN_TYPES: Record<string, string> = {
  '11': '机关',
  '12': '事业单位',
  '13': '群众团体',
  '19': '其他(机构编制)',
  '51': '社会团体',
  '52': '民办非企业单位',
  '53': '基金会',
  '59': '其他(民政)',
  '91': '企业',
  '92': '个体工商户',
  '93': '农民专业合作社',
};

/** Computes the check character for the first 17 characters, or null if a character is outside the set. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export type UsccVerdict =
  | { valid: true; warnings: string[]; divisionCode: string }
  | { valid: false; reason: 'length' | 'charset' | 'check'; message: string };

/** Validates an 18-character code strictly on charset and check character; unknown type codes only warn. */
export function validateUscc(raw: string): UsccVerdict {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) {
    return { valid: false, reason: 'length', message: '统一社会信用代码应为18位' };
  }
  for (const ch of code) {
    if (!USCC_CHARSET.includes(ch)) {
      return {
        valid: false,
        reason: 'charset',
        message: `统一社会信用代码含非法字符“${ch}”（不使用 I、O、S、V、Z）`,
      };
    }
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code[17]) {
    return { valid: false, reason: 'check', message: '统一社会信用代码校验位错误' };
  }
  const warnings: string[] = [];
  if (!KNOWN_TYPES[code.slice(0, 2)]) warnings.push(`登记管理部门或机构类别代码“${code.slice(0, 2)}”不常见`);
  return { valid: true, warnings, divisionCode: code.slice(2, 8) };
}

export function isValidUscc(code: string): boolean {
  return validateUscc(code).valid;
}

/** Completes a 17-character stem with its check character (used by demo data and tests). */
export function withUsccCheck(first17: string): string {
  const c = usccCheckChar(first17);
  if (!c) throw new Error(`invalid USCC stem ${first17}`);
  return first17 + c;
}
