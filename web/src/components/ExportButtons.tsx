// Download buttons for what a list shows: the same API address with ?format=csv, xlsx or pdf.
import { apiUrl, type Params } from '../api.ts';
import { Icon } from './Icon.tsx';

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';

const labels: Record<ExportFormat, { text: string; icon: string }> = {
  csv: { text: 'Eksportér CSV', icon: 'download' },
  xlsx: { text: 'Eksportér Excel', icon: 'file-excel' },
  pdf: { text: 'Eksportér PDF', icon: 'file-pdf' },
};

/**
 * One link per format to `endpoint` with `params` (the filters on screen). `what` names the list for screen
 * readers when a page has several export rows ("Eksportér CSV: afvigelser").
 */
export function ExportButtons({
  endpoint,
  params,
  what,
  formats = ['csv', 'xlsx', 'pdf'],
}: {
  endpoint: string;
  params: Params;
  what?: string;
  formats?: ExportFormat[];
}) {
  return (
    <div className="export-buttons">
      {formats.map((f) => (
        <a key={f} className="button button-secondary" href={apiUrl(endpoint, { ...params, format: f })} download>
          <Icon name={labels[f].icon} />
          {labels[f].text}
          {what && <span className="sr-only">: {what}</span>}
        </a>
      ))}
    </div>
  );
}
