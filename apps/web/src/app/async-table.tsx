import type { ReactNode } from 'react';
import { Pager } from './pager';
import { Loading, ProblemAlert } from './ui';
import type { AsyncState } from './use-async';

/** What the API's list endpoints answer; paged ones also say where the page stands. */
interface Listing {
  items: readonly unknown[];
}
interface PageInfo {
  total: number;
  limit: number;
  offset: number;
}

const isPage = (data: Listing): data is Listing & PageInfo => 'total' in data;

/**
 * A table of data loaded with useAsync, in the states every list page goes through: the problem if loading
 * failed, "loading" until the first answer, `emptyText` when there is nothing, otherwise the table (from
 * `children`) and, for paged answers with `onPage`, the pager under it. A page on its way keeps the last one
 * visible (the table can show this with aria-busy={state.loading}).
 */
export function AsyncTable<D extends Listing>({
  state,
  actionError,
  emptyText,
  onPage,
  children,
}: {
  state: AsyncState<D>;
  /** A failed action on the rows, shown in the same place; a failed load comes first. */
  actionError?: unknown;
  emptyText: string;
  onPage?: D extends PageInfo ? (offset: number) => void : never;
  /** The <table> itself. */
  children: (data: D) => ReactNode;
}) {
  const { data, error } = state;
  return (
    <>
      <ProblemAlert error={error ?? actionError} />
      {data === undefined ? (
        !error && <Loading />
      ) : data.items.length === 0 ? (
        <p>{emptyText}</p>
      ) : (
        <>
          <div className="table-wrap">{children(data)}</div>
          {onPage && isPage(data) && <Pager total={data.total} limit={data.limit} offset={data.offset} onChange={onPage} />}
        </>
      )}
    </>
  );
}
