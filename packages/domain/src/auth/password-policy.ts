/** Password policy: at least 8 characters, letters plus a digit or symbol, not the username. Returns problems in Chinese. */
export function passwordProblems(password: string, username?: string): string[] {
  const out: string[] = [];
  if (password.length < 8) out.push('密码至少8个字符');
  if (password.length > 128) out.push('密码不超过128个字符');
  if (!/[A-Za-z]/.test(password)) out.push('密码必须包含字母');
  if (!/[^A-Za-z]/.test(password)) out.push('密码必须包含数字或符号');
  if (username && password.toLowerCase().includes(username.toLowerCase())) out.push('密码不能包含用户名');
  return out;
}

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;
