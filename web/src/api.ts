// The one way the web app talks to the API.
import { useCallback, useEffect, useState } from 'react';
import type { ApiErrorBody } from './types.ts';

export type Params = Record<string, string | number | boolean | null | undefined>;

/** /api/<path>?<params>, leaving out empty parameters. */
export function apiUrl(path: string, params: Params = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return `/api/${path.replace(/^\/+/, '')}${s ? `?${s}` : ''}`;
}

// Session: the CSRF token every write carries, and who to tell when the API says we are signed out.
let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};
export function setSession(token: string | null, unauthorized: () => void) {
  csrfToken = token;
  onUnauthorized = unauthorized;
}
const writeHeaders = (): Record<string, string> => (csrfToken ? { 'x-csrf-token': csrfToken } : {});

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: ApiErrorBody,
  ) {
    super(message);
  }
}

/** A Danish message for an HTTP failure without one of its own. */
export function statusMessage(status: number): string {
  if (status === 0) return 'Serveren svarer ikke. Prøv igen om lidt.';
  if (status === 401) return 'Du skal logge ind.';
  if (status === 403) return 'Du har ikke adgang til dette.';
  if (status === 404) return 'Det, du leder efter, findes ikke.';
  if (status === 429) return 'For mange forespørgsler. Prøv igen om lidt.';
  if (status === 400 || status === 422) return 'Forespørgslen er ugyldig.';
  if (status === 413) return 'Filen er for stor.';
  if (status >= 500) return 'Der skete en fejl på serveren. Prøv igen om lidt.';
  return `Uventet svar fra serveren (${status}).`;
}

export function errorFromBody(status: number, body: unknown): ApiError {
  const b = body as ApiErrorBody | undefined;
  const msg = b?.error?.message || statusMessage(status);
  return new ApiError(status, msg, b?.error ? b : undefined);
}

export function getJson<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  return fetchJson<T>(apiUrl(path, params), signal);
}

async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, statusMessage(0));
  }
  const body = await res.json().catch(() => undefined);
  if (res.status === 401) onUnauthorized();
  if (!res.ok) throw errorFromBody(res.status, body);
  return body as T;
}

/** Sends JSON (or nothing) with the CSRF token; answers the parsed body or throws ApiError. */
async function sendJson<T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...writeHeaders() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, statusMessage(0));
  }
  const parsed = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  // A session that has ended: back to the login page (a refused sign-in is a 401 without a session).
  if (res.status === 401 && csrfToken) onUnauthorized();
  if (!res.ok) throw errorFromBody(res.status, parsed);
  return parsed as T;
}

export const postJson = <T>(path: string, body?: unknown) => sendJson<T>('POST', path, body);
export const patchJson = <T>(path: string, body: unknown) => sendJson<T>('PATCH', path, body);
export const putJson = <T>(path: string, body: unknown) => sendJson<T>('PUT', path, body);

/** The answer to invalid input when no message of its own was given (schema checks, several fields). */
const GENERIC_INPUT_MESSAGE = 'Ugyldigt input.';

/**
 * The server's field errors by field name ('body.roles.0.role' -> 'roles.0.role'). A single field gets the
 * answer's whole sentence when it has one ("Adgangskoden skal have mindst 12 tegn." rather than "mindst 12 tegn").
 */
export function fieldErrors(e: ApiError): Record<string, string> {
  const fields = e.body?.error.fields ?? [];
  const out: Record<string, string> = {};
  for (const f of fields) {
    const name = f.field.replace(/^body\.?/, '');
    out[name] ??= fields.length === 1 && e.message !== GENERIC_INPUT_MESSAGE ? e.message : f.message;
  }
  return out;
}

export interface ApiState<T> {
  /** The latest answer; while another URL is read, still the answer to the one before (smooth paging). */
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  /** The URL `data` answers, or undefined before the first answer. */
  dataFor: string | undefined;
  /**
   * True while `data` answers another question than the current path and params (a parameter other than the
   * `paging` ones differs): a caption, heading or link made from the current params must not sit next to it.
   */
  stale: boolean;
  /** `data` unless it is stale: what may be shown under labels made from the current params. */
  current: T | undefined;
}

export interface ApiOptions {
  /**
   * Parameters that only page or order the same answer (limit, offset, sort, order): an answer to another value
   * of these is not stale, so a list keeps its old rows (with a busy table) while the next page is read.
   */
  paging?: readonly string[];
}

/** Whether two API URLs ask the same question, leaving out the paging parameters. */
export function sameQuestion(a: string, b: string, paging: readonly string[] = []): boolean {
  const key = (u: string) => {
    const url = new URL(u, 'http://x');
    const ps = [...url.searchParams].filter(([k]) => !paging.includes(k)).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `${url.pathname}?${new URLSearchParams(ps)}`;
  };
  return a === b || key(a) === key(b);
}

/** What the hook has read: the URL last asked for, and the answer with the URL it answers. */
export interface ApiLoad<T> {
  url: string | null;
  data?: T;
  dataFor?: string;
  error?: ApiError;
  loading: boolean;
}

/** The state a caller sees for the current URL (apart from reload); pure, so it can be tested without React. */
export function apiView<T>(s: ApiLoad<T>, url: string | null, paging: readonly string[] = []): Omit<ApiState<T>, 'reload'> {
  const stale = s.data !== undefined && (url === null || s.dataFor === undefined || !sameQuestion(s.dataFor, url, paging));
  return {
    data: s.data,
    error: s.error,
    loading: s.loading || s.url !== url,
    dataFor: s.data === undefined ? undefined : s.dataFor,
    stale,
    current: stale ? undefined : s.data,
  };
}

/**
 * Fetches path+params whenever they change; null path fetches nothing. Keeps the old data while reloading, in
 * `data`; `current` is only the data that answers the current path and params (up to `options.paging`).
 */
export function useApi<T>(path: string | null, params: Params = {}, options: ApiOptions = {}): ApiState<T> {
  const url = path === null ? null : apiUrl(path, params);
  const [state, setState] = useState<ApiLoad<T>>({ url: null, loading: path !== null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (url === null) return;
    const ac = new AbortController();
    setState((s) => ({ ...s, url, loading: true, error: undefined }));
    fetchJson<T>(url, ac.signal).then(
      (data) => setState({ url, data, dataFor: url, loading: false }),
      (error: Error) => {
        if (error.name !== 'AbortError') setState({ url, error: error as ApiError, loading: false });
      },
    );
    return () => ac.abort();
  }, [url, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...apiView(state, url, options.paging), reload };
}

export interface UploadProgress {
  loaded: number;
  total: number | null;
}

/**
 * POSTs a form with XMLHttpRequest so upload progress can be shown. Resolves with status and parsed body
 * for every HTTP answer (the caller decides what a 422 means); rejects only when there is no answer.
 */
export function postForm(
  path: string,
  form: FormData,
  onProgress: (p: UploadProgress) => void,
  onUploaded?: () => void,
): { promise: Promise<{ status: number; body: unknown }>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    xhr.open('POST', apiUrl(path));
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(writeHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : null });
    xhr.upload.onload = () => onUploaded?.();
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new ApiError(0, statusMessage(0)));
    xhr.onabort = () => reject(new ApiError(0, 'Overførslen blev afbrudt.'));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
