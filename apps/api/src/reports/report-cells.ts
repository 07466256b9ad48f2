import type { ReportCount } from '@akiwa/contracts';
import { suppressCounts, type CountRelation, type WithheldKind } from '@akiwa/domain';

/**
 * The report's counts by cell id and the sums it publishes between them (a row's total, a column's,
 * the same figure in two tables), so that suppression sees every way a withheld count could be
 * worked back; read each cell once all are in.
 */
export class ReportCells {
  private readonly counts: Record<string, number> = {};
  private readonly relations: CountRelation[] = [];
  private readonly follows: Record<string, string> = {};
  private withheld: Map<string, WithheldKind> | undefined;

  constructor(private readonly threshold: number) {}

  add(id: string, n: number): string {
    if (id in this.counts && this.counts[id] !== n) throw new Error(`report cell ${id} given two values`);
    this.counts[id] = n;
    return id;
  }

  /** `total` = Σ `parts` as published; kept only where it holds in the rows (one that does not gives nothing away). */
  sum(total: string, parts: string[]): void {
    if (this.counts[total] === parts.reduce((s, p) => s + this.counts[p], 0)) this.relations.push({ total, parts });
  }

  /** `id` (e.g. nights) describes the persons counted by `leader`: withheld whenever that is small. */
  follow(id: string, leader: string): void {
    this.follows[id] = leader;
  }

  get(id: string): ReportCount {
    this.withheld ??= suppressCounts({ counts: this.counts, relations: this.relations, threshold: this.threshold, follows: this.follows });
    const kind = this.withheld.get(id);
    return kind === 'small' ? null : kind === 'complement' ? 'withheld' : this.counts[id];
  }
}
