import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateUscc, withUsccCheck } from './uscc';
import { validateResidentId, maskResidentId } from './resident-id';

const validUscc = [
  '91150602MA0N2K3Q5Q',
  '91150627MA7YKL2C82',
  '93150622MA0Q1P8R6C',
  '52150600MJY1234X7E',
  '91350100M000100Y43',
];
for (const code of validUscc) {
  test(`accepts the worked USCC example ${code}`, () => {
    assert.equal(validateUscc(code).valid, true);
  });
}

test('rejects a USCC whose check character is wrong', () => {
  const v = validateUscc('91150602MA0N2K3Q5R');
  assert.equal(v.valid, false);
  assert.equal(v.valid === false && v.reason, 'check');
});

test('rejects a USCC with a forbidden letter (I, O, S, V, Z)', () => {
  const v = validateUscc('91150602MA0N2K3QIQ');
  assert.equal(v.valid === false && v.reason, 'charset');
});

test('rejects a USCC of the wrong length', () => {
  assert.equal(validateUscc('9115060').valid, false);
});

test('warns, but accepts, an unknown registration authority', () => {
  const code = withUsccCheck('A1150602MA0N2K3Q5');
  const v = validateUscc(code);
  assert.equal(v.valid, true);
  assert.ok(v.valid && v.warnings.length === 1);
});

test('completes a stem with its check character', () => {
  assert.equal(withUsccCheck('91150627MA7YKL2C8'), '91150627MA7YKL2C82');
});

const ids: Array<[string, boolean, string?]> = [
  ['11010519491231002X', true],
  ['150602199001011238', true],
  ['150627198512250049', true],
  ['150602199002301237', false, 'date'],
  ['150602199001011239', false, 'check'],
  ['15060219900101123', false, 'format'],
];
for (const [id, ok, reason] of ids) {
  test(`resident id ${id} is ${ok ? 'valid' : `invalid (${reason})`}`, () => {
    const v = validateResidentId(id, new Date('2026-01-01T00:00:00Z'));
    assert.equal(v.valid, ok);
    if (!v.valid) assert.equal(v.reason, reason);
  });
}

test('a birth date in the future is invalid', () => {
  const v = validateResidentId('150602203001011230', new Date('2026-01-01T00:00:00Z'));
  assert.equal(v.valid, false);
});

test('resident id reports sex and birth date', () => {
  const v = validateResidentId('150627198512250049');
  assert.deepEqual(v, { valid: true, birthDate: '1985-12-25', sex: 'female' });
});

test('masks identity numbers', () => {
  assert.equal(maskResidentId('150602199001011238'), '150602********1238');
});
