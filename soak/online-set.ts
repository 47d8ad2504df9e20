/** The premises whose hubs are online, as the fleet reports them: O(1) add, remove and random pick. */
export class OnlineSet {
  private readonly list: number[] = [];
  private readonly position = new Map<number, number>();

  get size(): number {
    return this.list.length;
  }

  has(index: number): boolean {
    return this.position.has(index);
  }

  add(index: number): void {
    if (this.position.has(index)) return;
    this.position.set(index, this.list.length);
    this.list.push(index);
  }

  delete(index: number): void {
    const at = this.position.get(index);
    if (at === undefined) return;
    const last = this.list.pop()!;
    if (at < this.list.length) {
      this.list[at] = last;
      this.position.set(last, at);
    }
    this.position.delete(index);
  }

  /** The premises at a position in [0, size): pass a random integer for a uniform pick. */
  at(position: number): number | undefined {
    return this.list[position];
  }
}
