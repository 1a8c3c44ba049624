import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config';

export interface ReporterIdentity {
  name: string;
  phone: string;
  idNumber?: string;
}

/**
 * Reporter identities are sealed with AES-256-GCM. The key is derived from SECRET in production
 * (HKDF, so it never sits beside the data); in demo mode it is generated once into DATA_DIR.
 */
export class IdentityVault {
  private constructor(
    private readonly key: Buffer,
    private readonly tagKey: Buffer,
  ) {}

  static fromConfig(config: Pick<Config, 'SECRET' | 'DATA_DIR' | 'demo'>): IdentityVault {
    let master: Buffer;
    if (config.SECRET) {
      master = Buffer.from(hkdfSync('sha256', config.SECRET, 'zhiben', 'reporter-identity-v1', 32));
    } else {
      const dir = resolve(config.DATA_DIR);
      const file = join(dir, 'reporter.key');
      if (!existsSync(file)) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
      }
      master = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    }
    const tagKey = Buffer.from(hkdfSync('sha256', master, 'zhiben', 'reporter-tag-v1', 32));
    return new IdentityVault(master, tagKey);
  }

  static forTests(): IdentityVault {
    return new IdentityVault(randomBytes(32), randomBytes(32));
  }

  seal(identity: ReporterIdentity): Buffer {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(JSON.stringify(identity), 'utf8'), c.final()]);
    return Buffer.concat([Buffer.from([1]), iv, c.getAuthTag(), body]);
  }

  open(sealed: Buffer): ReporterIdentity {
    const iv = sealed.subarray(1, 13);
    const tag = sealed.subarray(13, 29);
    const d = createDecipheriv('aes-256-gcm', this.key, iv);
    d.setAuthTag(tag);
    return JSON.parse(Buffer.concat([d.update(sealed.subarray(29)), d.final()]).toString('utf8'));
  }

  /** A keyed hash of the phone number: the same reporter is recognised without decrypting. */
  tag(phone: string): string {
    return createHmac('sha256', this.tagKey).update(phone.replace(/\D/g, '')).digest('hex');
  }
}
