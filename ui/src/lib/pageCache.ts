// Rows of a long server-side list, fetched a page at a time as the table
// scrolls. Knows nothing about Svelte: the table calls ensure() with the rows
// it is about to draw and get() for each of them; onChange says "redraw".

import { Generations } from "./latest";

export interface Page<Row> {
  total: number;
  offset: number;
  rows: Row[];
}

export type FetchPage<Row> = (offset: number, limit: number) => Promise<Page<Row>>;

export interface PageCacheOptions<Row> {
  fetchPage: FetchPage<Row>;
  pageSize: number;
  /** Pages kept in memory; the ones farthest from the last request go first. */
  maxPages: number;
  onChange: () => void;
  onError: (reason: unknown) => void;
}

export class PageCache<Row> {
  private pages = new Map<number, Row[]>();
  private loading = new Set<number>();
  // A new generation at each reset(): answers to requests from before it are
  // dropped, so a slow reply for an old search never paints over the new one.
  private generations = new Generations();
  total: number | null = null;

  constructor(private readonly options: PageCacheOptions<Row>) {}

  get(index: number): Row | undefined {
    const size = this.options.pageSize;
    return this.pages.get(Math.floor(index / size))?.[index % size];
  }

  /** Whether every row of [start, end) is loaded; rows past the total
   * (once known) count as loaded, so an empty list has them all. */
  has(start: number, end: number): boolean {
    if (this.total === null) return false;
    const last = Math.min(end, this.total) - 1;
    if (last < start) return true;
    const size = this.options.pageSize;
    for (let page = Math.floor(start / size); page <= Math.floor(last / size); page++) {
      if (!this.pages.has(page)) return false;
    }
    return true;
  }

  /** Starts fetching every page that overlaps rows [start, end) and is
   * neither cached nor on its way. */
  ensure(start: number, end: number): void {
    const size = this.options.pageSize;
    const last = Math.max(start, end - 1);
    const firstPage = Math.floor(start / size);
    const lastPage = Math.floor(last / size);
    for (let page = firstPage; page <= lastPage; page++) {
      if (!this.pages.has(page) && !this.loading.has(page)) this.load(page);
    }
    this.evict((firstPage + lastPage) / 2);
  }

  reset(): void {
    this.generations.next();
    this.pages.clear();
    this.loading.clear();
    this.total = null;
  }

  private async load(page: number): Promise<void> {
    const isCurrent = this.generations.now();
    const size = this.options.pageSize;
    this.loading.add(page);
    try {
      const result = await this.options.fetchPage(page * size, size);
      if (!isCurrent()) return;
      this.pages.set(page, result.rows);
      this.total = result.total;
      this.options.onChange();
    } catch (reason) {
      if (isCurrent()) this.options.onError(reason);
    } finally {
      if (isCurrent()) this.loading.delete(page);
    }
  }

  private evict(centre: number): void {
    const excess = this.pages.size - this.options.maxPages;
    if (excess <= 0) return;
    const farthestFirst = [...this.pages.keys()].sort(
      (a, b) => Math.abs(b - centre) - Math.abs(a - centre),
    );
    for (const page of farthestFirst.slice(0, excess)) this.pages.delete(page);
  }
}
