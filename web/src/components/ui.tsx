import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, NetworkError, type Signatory } from '../api/client.js';
import { useApp } from '../app-context.js';
import { useI18n } from '../i18n/index.js';
import type { SignatoryStatus } from '../lib/progress.js';

export interface Loaded<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly loading: boolean;
  reload(): Promise<void>;
}

/** Loads on mount and whenever `key` changes; `reload` fetches again. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({
    loading: true,
  });
  const latest = useRef(load);
  latest.current = load;
  const reload = useCallback(async () => {
    setState((previous) => ({ ...previous, loading: true }));
    try {
      const data = await latest.current();
      setState({ data, loading: false });
    } catch (error) {
      setState({ error, loading: false });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [key, reload]);
  return { ...state, reload };
}

/** A page whose data has not come: its failure, or that it is loading. */
export function NotLoaded({ view }: { view: Loaded<unknown> }) {
  const { t } = useI18n();
  return (
    <section>
      <ErrorMessage error={view.error} />
      {view.loading && <p>{t('app.loading')}</p>}
    </section>
  );
}

/** An action (a form's submission, a button's press) run once at a time; its failure kept to show. */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** A failed request in words the user can act on. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  let text: string;
  if (error instanceof NetworkError) text = t('error.network');
  else if (error instanceof ApiError && error.status === 412) text = t('error.stale');
  else if (error instanceof ApiError && error.status === 404) text = t('error.notFound');
  else if (error instanceof ApiError) {
    const fields = (error.problem.errors ?? []).map((item) => `${item.path}: ${item.message}`);
    text = [error.message, ...fields].join(' — ');
  } else text = t('error.generic', { detail: String((error as Error)?.message ?? error) });
  return (
    <p class="error" role="alert">
      {text}
    </p>
  );
}

/** The page's heading; focused on navigation so screen readers announce the new page. */
export function PageTitle({ children, text }: { children?: ComponentChildren; text: string }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${text} · ${t('app.title')}`;
    heading.current?.focus({ preventScroll: false });
  }, [text, t]);
  return (
    <h1 ref={heading} tabIndex={-1} dir="auto">
      {children ?? text}
    </h1>
  );
}

export function StatusBadge({ status }: { status: SignatoryStatus }) {
  const { t } = useI18n();
  return <span class={`badge badge-${status}`}>{t(`signatory.status.${status}`)}</span>;
}

/** A button that runs an async action once at a time and shows its failure. */
export function ActionButton({
  onAction,
  children,
  class: className,
  label,
  disabled,
}: {
  onAction: () => Promise<void>;
  children: ComponentChildren;
  class?: string;
  label?: string;
  disabled?: boolean;
}) {
  const { busy, error, run } = useSubmission();
  return (
    <span class="action">
      <button
        type="button"
        class={className}
        aria-label={label}
        disabled={disabled || busy}
        aria-busy={busy}
        onClick={() => run(onAction)}
      >
        {children}
      </button>
      <ErrorMessage error={error} />
    </span>
  );
}

/** Under a listing that has a next page: `load` fetches it and appends it. */
export function LoadMore({ busy = false, load }: { busy?: boolean; load: () => unknown }) {
  const { t } = useI18n();
  return (
    <button type="button" disabled={busy} onClick={() => void load()}>
      {t('common.loadMore')}
    </button>
  );
}

/** A file the API renders (PDF, CSV, NDJSON), saved by the browser under `fileName`. */
export function DownloadButton({
  path,
  accept,
  fileName,
  children,
}: {
  path: string;
  accept: string;
  fileName: string;
  children: ComponentChildren;
}) {
  const { api } = useApp();
  return (
    <ActionButton class="secondary" onAction={() => api.download(path, accept, fileName)}>
      {children}
    </ActionButton>
  );
}

/** The sealed PDF summary of an agreement or a ceremony. */
export function SummaryDownload({ of, id }: { of: 'agreement' | 'ceremony'; id: string }) {
  const { t } = useI18n();
  return (
    <DownloadButton
      path={`/v1/${of}s/${encodeURIComponent(id)}/summary.pdf`}
      accept="application/pdf"
      fileName={`${of}-${id}.pdf`}
    >
      {t('common.downloadPdf')}
    </DownloadButton>
  );
}

/** One row per party: its code and name as the row header, then `cells` in `columns` order. */
export function PartyTable({
  caption,
  columns,
  signatories,
  cells,
}: {
  caption: string;
  /** Headers of the columns after the party's. */
  columns: readonly string[];
  signatories: readonly Signatory[];
  cells: (signatory: Signatory) => ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agreement.party')}</th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {signatories.map((signatory) => (
            <tr key={signatory.party}>
              <th scope="row">
                {signatory.party} <span dir="auto">{signatory.partyName}</span>
              </th>
              {cells(signatory)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
