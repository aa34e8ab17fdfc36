import { Prng } from './prng';

/**
 * Makes EC2-style resource ids (`ami-` + 17 hex digits, like current EC2 ids) from a seeded
 * generator, so seeded estates and the ids of resources created at run time are reproducible.
 */
export class IdFactory {
  private readonly prng: Prng;
  private readonly issued = new Set<string>();

  constructor(seed: string) {
    this.prng = new Prng(`ids:${seed}`);
  }

  /** A fresh id with the given prefix (`ami`, `snap`, `vol`, `i`, `r`). */
  next(prefix: string): string {
    for (;;) {
      const id = `${prefix}-0${this.prng.hex(16)}`;
      if (!this.issued.has(id)) {
        this.issued.add(id);
        return id;
      }
    }
  }

  /** A UUID-shaped token (request ids, KMS key ids) drawn from the same seeded stream. */
  uuid(): string {
    const h = this.prng.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
