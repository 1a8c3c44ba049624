import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passwordProblems, LOCKOUT_THRESHOLD, LOCKOUT_MINUTES } from './password-policy';

const rows: Array<[string, string, string | undefined, string[]]> = [
  ['accepts letters with a digit', 'Ordos2024', undefined, []],
  ['accepts letters with a symbol', 'safety-first', undefined, []],
  ['accepts exactly 8 characters', 'abcdefg1', undefined, []],
  ['accepts exactly 128 characters', `a1${'x'.repeat(126)}`, undefined, []],
  ['rejects 7 characters', 'abcdef1', undefined, ['密码至少8个字符']],
  ['rejects 129 characters', `a1${'x'.repeat(127)}`, undefined, ['密码不超过128个字符']],
  ['rejects digits only', '12345678', undefined, ['密码必须包含字母']],
  ['rejects letters only', 'abcdefgh', undefined, ['密码必须包含数字或符号']],
  ['rejects a password containing the username', 'zhangsan2024', 'zhangsan', ['密码不能包含用户名']],
  ['compares the username case-insensitively', 'ZhangSan#2024', 'zhangsan', ['密码不能包含用户名']],
  ['ignores an empty username', 'Ordos2024', '', []],
  [
    'reports every problem at once',
    'abc',
    'abc',
    ['密码至少8个字符', '密码必须包含数字或符号', '密码不能包含用户名'],
  ],
  [
    'the empty password has every length and content problem',
    '',
    undefined,
    ['密码至少8个字符', '密码必须包含字母', '密码必须包含数字或符号'],
  ],
];
for (const [name, password, username, expected] of rows) {
  test(`password policy ${name}`, () => {
    assert.deepEqual(passwordProblems(password, username), expected);
  });
}

test('lockout is 5 failures for 15 minutes', () => {
  assert.equal(LOCKOUT_THRESHOLD, 5);
  assert.equal(LOCKOUT_MINUTES, 15);
});
