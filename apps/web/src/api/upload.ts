import type { ImportSummaryDto } from '@accord/contracts';
import { ApiProblem, apiUrl, failed, getCsrfToken, problemFromText } from './client';

export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** The file's size; null when the browser cannot tell. */
  total: number | null;
}

export interface Upload {
  /** The import summary, or an ApiProblem (code `cancelled` after abort()). */
  result: Promise<ImportSummaryDto>;
  /** Stops sending: the server cancels the batch and changes nothing. */
  abort: () => void;
}

/**
 * Sends a CSV file to POST /api/imports. `fetch` cannot report upload progress, so this uses XMLHttpRequest;
 * the server reads the body as it imports, so the bytes sent are also a fair measure of the import's progress.
 */
export function uploadCsv(
  file: Blob,
  options: { fileName: string; atomic: boolean; onProgress: (progress: UploadProgress) => void },
): Upload {
  const xhr = new XMLHttpRequest();
  const result = new Promise<ImportSummaryDto>((resolve, reject) => {
    xhr.open('POST', apiUrl('importObservations', { query: { atomic: options.atomic, fileName: options.fileName } }));
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-Accord-Channel', 'web');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => options.onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : null });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportSummaryDto);
        } catch {
          reject(local('http_error', xhr.status, 'the server answered with something that is not an import summary'));
        }
      } else {
        reject(failed(problemFromText(xhr.responseText, xhr.status, xhr.statusText)));
      }
    };
    xhr.onerror = () => reject(local('network_error', 0, 'the upload was interrupted: the server could not be reached'));
    xhr.onabort = () => reject(local('cancelled', 0, 'the upload was cancelled; nothing was imported'));
    xhr.send(file);
  });
  return { result, abort: () => xhr.abort() };
}

function local(code: string, status: number, detail: string): ApiProblem {
  return new ApiProblem({ type: 'about:blank', title: code, status, detail, code });
}
