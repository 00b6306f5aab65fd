import { useState } from 'preact/hooks';
import type { Agreement, Conference } from '../api/client.js';
import { href, useApp } from '../app-context.js';
import { AgreementChart } from '../components/charts.js';
import {
  ActionButton,
  DownloadButton,
  NotLoaded,
  PageTitle,
  PartyTable,
  StatusBadge,
  SummaryDownload,
  useLoad,
} from '../components/ui.js';
import { useI18n } from '../i18n/index.js';
import { formatInstant } from '../lib/zoned-time.js';
import { ActsTable, RecordActForm, StandingTable } from './agreement-acts.js';

export interface AgreementView {
  agreement: Agreement;
  version: number;
  conference: Conference;
}

export async function loadAgreement(
  api: ReturnType<typeof useApp>['api'],
  agreementId: string,
): Promise<AgreementView> {
  const { body: agreement, version } = await api.get('/v1/agreements/{agreementId}', {
    path: { agreementId },
  });
  const { body: conference } = await api.get('/v1/conferences/{conferenceId}', {
    path: { conferenceId: agreement.conferenceId },
  });
  return { agreement, version: version ?? agreement.version, conference };
}

/** An agreement: its progress, every signatory, and what the role may do with it. */
export function AgreementPage({ id }: { id: string }) {
  const { api, session } = useApp();
  const { t, locale } = useI18n();
  const view = useLoad(() => loadAgreement(api, id), id);
  const [message, setMessage] = useState('');
  if (!view.data) return <NotLoaded view={view} />;
  const { agreement, version, conference } = view.data;
  const zone = conference.timeZone;
  const statusChange = (action: 'open' | 'close') => async () => {
    try {
      await api.post(`/v1/agreements/{agreementId}/${action}`, {
        path: { agreementId: agreement.id },
        body: {},
        scope: `${action}:${agreement.id}`,
        ifMatch: version,
      });
    } finally {
      await view.reload();
    }
  };
  return (
    <section>
      <PageTitle text={agreement.title} />
      <p>
        <a href={href('conferences', conference.id)} dir="auto">
          {conference.name}
        </a>
      </p>
      <dl class="facts">
        <dt>{t('agreement.kind')}</dt>
        <dd dir="auto">{agreement.kind}</dd>
        <dt>{t('agreement.status')}</dt>
        <dd>{t(`agreement.status.${agreement.status}`)}</dd>
        <dt>{t('agreement.sha256')}</dt>
        <dd class="hash">{agreement.documentSha256}</dd>
      </dl>
      <AgreementChart agreement={agreement} timeZone={zone} />
      <div class="toolbar">
        {session.role === 'secretariat' && agreement.status === 'draft' && (
          <ActionButton onAction={statusChange('open')}>{t('agreement.open')}</ActionButton>
        )}
        {session.role === 'secretariat' && agreement.status === 'open' && (
          <ActionButton class="secondary" onAction={statusChange('close')}>
            {t('agreement.close')}
          </ActionButton>
        )}
        <SummaryDownload of="agreement" id={agreement.id} />
        {session.role !== 'member' && (
          <a class="button secondary" href={href('agreements', agreement.id, 'history')}>
            {t('agreement.history')}
          </a>
        )}
      </div>
      <SignatoryTable agreement={agreement} timeZone={zone} locale={locale} />
      <h2>{t('standing.title')}</h2>
      <div class="toolbar">
        <DownloadButton
          path={`/v1/agreements/${encodeURIComponent(agreement.id)}/status-chart.pdf`}
          accept="application/pdf"
          fileName={`agreement-${agreement.id}-status-chart.pdf`}
        >
          {t('standing.chartPdf')}
        </DownloadButton>
        <DownloadButton
          path={`/v1/agreements/${encodeURIComponent(agreement.id)}/status-chart`}
          accept="text/csv"
          fileName={`agreement-${agreement.id}-status-chart.csv`}
        >
          {t('standing.chartCsv')}
        </DownloadButton>
      </div>
      <StandingTable agreement={agreement} />
      <ActsTable agreement={agreement} timeZone={zone} />
      <p role="status">{message}</p>
      {session.role === 'secretariat' && (
        <RecordActForm
          agreement={agreement}
          version={version}
          onRecorded={async (recorded) => {
            setMessage(recorded);
            await view.reload();
          }}
        />
      )}
    </section>
  );
}

function SignatoryTable({
  agreement,
  timeZone,
  locale,
}: {
  agreement: Agreement;
  timeZone: string;
  locale: string;
}) {
  const { t } = useI18n();
  return (
    <PartyTable
      caption={t('agreement.signatories')}
      columns={[
        t('agreement.status'),
        t('agreement.signer'),
        t('agreement.time'),
        t('agreement.place'),
        t('agreement.reason'),
      ]}
      signatories={agreement.signatories}
      cells={(signatory) => (
        <>
          <td>
            <StatusBadge status={signatory.status} />
          </td>
          <td>
            {signatory.signedBy && (
              <>
                <span dir="auto">{signatory.signedBy.name}</span>,{' '}
                <span dir="auto">{signatory.signedBy.title}</span>
              </>
            )}
          </td>
          <td>{signatory.signedAt && formatInstant(signatory.signedAt, timeZone, locale)}</td>
          <td dir="auto">{signatory.place}</td>
          <td dir="auto">{signatory.reason}</td>
        </>
      )}
    />
  );
}
