import { randomBytes } from 'node:crypto';
import { PersonalDataCipher, PersonalDataDecryptError } from './personal-data.cipher';

const key = () => randomBytes(32).toString('base64');

describe('PersonalDataCipher', () => {
  const cipher = PersonalDataCipher.fromBase64(key());

  it('round-trips with a fresh IV each time, and never stores the plaintext', () => {
    const a = cipher.encrypt('宇城 花子', 'req-1');
    const b = cipher.encrypt('宇城 花子', 'req-1');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('宇城 花子'))).toBe(false);
    expect(a[0]).toBe(1);
    expect(cipher.decrypt(a, 'req-1')).toBe('宇城 花子');
  });

  it('refuses a tampered byte, another row’s AAD, and another key', () => {
    const blob = cipher.encrypt('secret', 'req-1');
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1] ^= 1;
    expect(() => cipher.decrypt(tampered, 'req-1')).toThrow(PersonalDataDecryptError);
    expect(() => cipher.decrypt(blob, 'req-2')).toThrow(PersonalDataDecryptError);
    expect(() => PersonalDataCipher.fromBase64(key()).decrypt(blob, 'req-1')).toThrow(PersonalDataDecryptError);
    expect(() => cipher.decrypt(blob.subarray(0, 10), 'req-1')).toThrow(PersonalDataDecryptError);
  });

  it('reads rows of a previous key after rotation and writes with the new one', () => {
    const oldKey = key();
    const before = PersonalDataCipher.fromBase64(oldKey);
    const oldBlob = before.encryptJson({ name: '熊本 太郎' }, 'r');
    const after = PersonalDataCipher.fromBase64(key(), { 1: oldKey });
    expect(after.decryptJson(oldBlob, 'r')).toEqual({ name: '熊本 太郎' });
    expect(after.encrypt('x', 'r')[0]).toBe(2);
  });
});
