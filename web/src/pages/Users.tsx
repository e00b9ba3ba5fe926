// Brugere (administrators): the users of the administrator's municipalities with their roles, creating a
// user, and changing one (name, roles, a new password, deactivation after a confirmation).
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { fieldErrors, getJson, patchJson, postJson, useApi, type ApiError } from '../api.ts';
import { useAuth, useKommunerWith } from '../auth.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { ErrorSummary, SelectField, TextField, type Option } from '../components/Form.tsx';
import { Icon } from '../components/Icon.tsx';
import { Page, Section } from '../components/Page.tsx';
import { Alert, ErrorAlert, Loading } from '../components/Status.tsx';
import { flashOn, useFlash } from '../flash.ts';
import { listText, plural } from '../format.ts';
import { kommuneLabel, useKommune } from '../kommune.tsx';
import { roleName, roles } from '../roles.ts';
import { Link, navigate, useQueryState } from '../router.tsx';
import type { Boligorganisation, ListAnswer, RoleGrant, User } from '../types.ts';

const home = { text: 'Oversigt', to: '/' };
const usersCrumb = { text: 'Brugere', to: '/brugere' };

/** The boligorganisationer of one municipality, by name (the choice for the role boligorganisation). */
function useOrganisations(kommunekode: string | null) {
  return useApi<ListAnswer<Boligorganisation>>(kommunekode ? 'boligorganisationer' : null, { kommunekode, sort: 'navn', limit: 1000 });
}

/** Names of the organisations the grants point to (fetched per municipality; the id when unknown). */
function useOrganisationNames(grants: RoleGrant[]): (id: number) => string {
  const kommuner = [...new Set(grants.filter((g) => g.boligorganisation_id != null).map((g) => g.kommunekode))].sort();
  const [names, setNames] = useState(new Map<number, string>());
  useEffect(() => {
    if (!kommuner.length) return;
    const ac = new AbortController();
    Promise.all(kommuner.map((k) => getJson<ListAnswer<Boligorganisation>>('boligorganisationer', { kommunekode: k, limit: 1000 }, ac.signal))).then(
      (answers) => setNames(new Map(answers.flatMap((a) => a.items.map((o) => [o.id, o.navn] as const)))),
      () => {},
    );
    return () => ac.abort();
  }, [kommuner.join(',')]);
  return (id) => names.get(id) ?? `boligorganisation nr. ${id}`;
}

function useKommuneName(): (kode: string) => string {
  const { kommuner } = useKommune();
  return (kode) => kommuner.find((k) => k.kode === kode)?.navn ?? kode;
}

/** One line per role: "Administrator: Ballerup og Brøndby", "Boligorganisation: Bakkehusene (Ballerup)". */
export function grantLines(grants: RoleGrant[], kommune: (kode: string) => string, org: (id: number) => string): string[] {
  const lines: string[] = [];
  for (const role of roles) {
    const mine = grants.filter((g) => g.role === role);
    if (!mine.length) continue;
    if (role === 'boligorganisation') {
      for (const g of mine) lines.push(`${roleName(role)}: ${org(g.boligorganisation_id!)} (${kommune(g.kommunekode)})`);
      continue;
    }
    const names = mine.map((g) => kommune(g.kommunekode));
    lines.push(`${roleName(role)}: ${names.length > 4 ? `${names.slice(0, 3).join(', ')} og ${names.length - 3} andre kommuner` : listText(names)}`);
  }
  return lines;
}

function StatusBadge({ user }: { user: User }) {
  const [text, badge] = !user.active ? ['Deaktiveret', 'badge-error'] : user.locked ? ['Spærret', 'badge-warning'] : ['Aktiv', 'badge-success'];
  return <span className={`badge ${badge}`}>{text}</span>;
}

const signInWith = (u: User) => listText([...(u.local_password ? ['Adgangskode'] : []), ...(u.oidc ? ['kommunens login'] : [])]) || 'Ingen endnu';

export function UsersPage() {
  const uid = useId();
  const { data, error, loading, reload } = useApi<ListAnswer<User>>('brugere');
  const [qs, setQs] = useQueryState();
  const q = qs.get('q') ?? '';
  const flash = useFlash();
  const kommune = useKommuneName();
  const all = data?.items ?? [];
  const org = useOrganisationNames(all.flatMap((u) => u.roles));
  const needle = q.trim().toLowerCase();
  const rows = needle ? all.filter((u) => u.username.includes(needle) || u.display_name.toLowerCase().includes(needle)) : all;

  const columns: Column<User>[] = [
    { key: 'username', header: 'Brugernavn', rowHeader: true, render: (u) => <Link to={`/brugere/${u.id}`}>{u.username}</Link> },
    { key: 'display_name', header: 'Navn' },
    {
      key: 'roles',
      header: 'Roller',
      render: (u) =>
        u.roles.length ? (
          <ul className="grant-list">
            {grantLines(u.roles, kommune, org).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        ) : (
          <span className="value-missing">ingen roller</span>
        ),
    },
    { key: 'login', header: 'Logger ind med', value: signInWith },
    { key: 'status', header: 'Status', render: (u) => <StatusBadge user={u} /> },
  ];

  return (
    <Page title="Brugere" crumbs={[home, { text: 'Brugere' }]} lead="Brugerne i de kommuner, du er administrator for, og deres roller. En rolle gælder i én kommune.">
      {flash && <Alert variant="success">{flash}</Alert>}
      <div className="list-toolbar">
        <form role="search" aria-label="Søg i brugere" onSubmit={(e) => e.preventDefault()}>
          <TextField id={`${uid}-q`} className="mt-0" label="Søg efter brugernavn eller navn" type="search" value={q} onChange={(v) => setQs({ q: v || null }, { replace: true })} />
        </form>
        <Link to="/brugere/ny" className="button button-primary">
          <Icon name="person-add" />
          Opret bruger
        </Link>
      </div>
      <p className="rows-message" aria-live="polite" aria-atomic="true">
        {data && (rows.length ? plural(rows.length, 'bruger', 'brugere') : needle ? 'Ingen brugere matcher søgningen.' : 'Der er ingen brugere endnu.')}
      </p>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} what="Brugerne" />
      ) : !data ? (
        <Loading text="Henter brugere …" />
      ) : rows.length ? (
        <DataTable caption="Brugere" captionHidden columns={columns} rows={rows} rowKey={(u) => u.id} busy={loading} />
      ) : null}
    </Page>
  );
}

/** A role being edited: select values are strings. */
interface DraftGrant {
  key: number;
  role: string;
  kommunekode: string;
  boligorganisation_id: string;
}
let draftKeys = 0;
const toDraft = (g: RoleGrant): DraftGrant => ({ key: ++draftKeys, role: g.role, kommunekode: g.kommunekode, boligorganisation_id: g.boligorganisation_id == null ? '' : String(g.boligorganisation_id) });
const fromDraft = (d: DraftGrant): RoleGrant => ({
  role: d.role,
  kommunekode: d.kommunekode,
  boligorganisation_id: d.role === 'boligorganisation' && d.boligorganisation_id ? Number(d.boligorganisation_id) : null,
});

type Errors = Record<string, string>;

function GrantRow({
  index,
  grant,
  kommuneOptions,
  errors,
  idOf,
  onChange,
  onRemove,
}: {
  index: number;
  grant: DraftGrant;
  kommuneOptions: Option[];
  errors: Errors;
  idOf: (field: string) => string;
  onChange: (g: DraftGrant) => void;
  onRemove: () => void;
}) {
  const orgs = useOrganisations(grant.role === 'boligorganisation' && grant.kommunekode ? grant.kommunekode : null);
  // Only the chosen municipality's organisations: the previous one's are not offered while they are read.
  const choices = orgs.current;
  const f = (name: string) => `roles.${index}.${name}`;
  const n = index + 1;
  return (
    <fieldset className="grant-row">
      <legend className="grant-legend">Rolle {n}</legend>
      <div className="grant-fields">
        <SelectField
          id={idOf(f('role'))}
          label="Rolle"
          placeholder="Vælg rolle"
          value={grant.role}
          error={errors[f('role')]}
          options={roles.map((r) => ({ value: r, label: roleName(r) }))}
          onChange={(role) => onChange({ ...grant, role })}
        />
        <SelectField
          id={idOf(f('kommunekode'))}
          label="Kommune"
          placeholder="Vælg kommune"
          value={grant.kommunekode}
          error={errors[f('kommunekode')]}
          options={kommuneOptions}
          onChange={(kommunekode) => onChange({ ...grant, kommunekode, boligorganisation_id: '' })}
        />
        {grant.role === 'boligorganisation' && (
          <SelectField
            id={idOf(f('boligorganisation_id'))}
            label="Boligorganisation"
            placeholder={!grant.kommunekode ? 'Vælg først kommunen' : choices ? 'Vælg boligorganisation' : 'Henter boligorganisationer …'}
            disabled={!choices}
            value={grant.boligorganisation_id}
            error={errors[f('boligorganisation_id')] ?? (orgs.error && `Boligorganisationerne kunne ikke hentes: ${orgs.error.message}`)}
            options={(choices?.items ?? []).map((o) => ({ value: String(o.id), label: o.navn }))}
            onChange={(id) => onChange({ ...grant, boligorganisation_id: id })}
          />
        )}
      </div>
      <button type="button" className="button button-unstyled function-link" onClick={onRemove}>
        <Icon name="delete" />
        Fjern rolle {n}
      </button>
    </fieldset>
  );
}

/** Client-side checks of the roles (the server checks again). */
function grantProblems(grants: DraftGrant[]): Errors {
  const p: Errors = {};
  const seen = new Set<string>();
  grants.forEach((g, i) => {
    if (!g.role) p[`roles.${i}.role`] = `Vælg rolle ${i + 1}.`;
    if (!g.kommunekode) p[`roles.${i}.kommunekode`] = `Vælg kommunen for rolle ${i + 1}.`;
    if (g.role === 'boligorganisation' && g.kommunekode && !g.boligorganisation_id) p[`roles.${i}.boligorganisation_id`] = `Vælg boligorganisationen for rolle ${i + 1}.`;
    const key = JSON.stringify(fromDraft(g));
    if (g.role && g.kommunekode && seen.has(key)) p[`roles.${i}.role`] = `Rolle ${i + 1} er den samme som en rolle ovenfor.`;
    seen.add(key);
  });
  return p;
}

const USERNAME = /^[a-z0-9._@-]{2,100}$/;

/** Name, roles and (when creating) user name and password; submits to `save`, shows field errors. */
function UserForm({
  user,
  submitText,
  save,
}: {
  user?: User;
  submitText: string;
  save: (body: { username?: string; display_name: string; password?: string | null; roles: RoleGrant[] }) => Promise<void>;
}) {
  const uid = useId();
  const creating = !user;
  const { kommune, kommuner } = useKommune();
  const adminIn = useKommunerWith('administrator');
  const kommuneOptions = kommuner.filter((k) => adminIn.includes(k.kode)).map((k) => ({ value: k.kode, label: kommuneLabel(k) }));
  const [username, setUsername] = useState('');
  const [name, setName] = useState(user?.display_name ?? '');
  const [password, setPassword] = useState('');
  const [grants, setGrants] = useState<DraftGrant[]>(() => (user?.roles ?? []).map(toDraft));
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idOf = (field: string) => `${uid}-${field.replace(/\./g, '-')}`;

  const addGrant = () =>
    setGrants([...grants, { key: ++draftKeys, role: '', kommunekode: kommune && adminIn.includes(kommune.kode) ? kommune.kode : (adminIn[0] ?? ''), boligorganisation_id: '' }]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const p: Errors = {};
    const uname = username.trim().toLowerCase();
    if (creating && !USERNAME.test(uname)) p.username = uname ? 'Brugernavnet må kun have små bogstaver, tal og . _ @ - (2–100 tegn).' : 'Skriv et brugernavn.';
    if (!name.trim()) p.display_name = 'Skriv brugerens navn.';
    if (creating && password && password.length < 12) p.password = 'Adgangskoden skal have mindst 12 tegn.';
    Object.assign(p, grantProblems(grants));
    setErrors(p);
    if (Object.keys(p).length) return;
    setBusy(true);
    try {
      await save({
        ...(creating ? { username: uname, password: password || null } : {}),
        display_name: name.trim(),
        roles: grants.map(fromDraft),
      });
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      setErrors(f);
      if (!Object.keys(f).length || f.roles) setMessage((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  const order = ['username', 'display_name', 'password', ...grants.flatMap((_, i) => ['role', 'kommunekode', 'boligorganisation_id'].map((n) => `roles.${i}.${n}`))];
  const summary = order.filter((k) => errors[k]).map((k) => ({ id: idOf(k), message: errors[k] }));
  return (
    <>
      <ErrorSummary errors={summary} message={message} heading={creating ? 'Brugeren er ikke oprettet' : 'Ændringerne er ikke gemt'} />
      <form className="user-form" onSubmit={submit} noValidate aria-label={creating ? 'Opret bruger' : 'Navn og roller'}>
        {creating && (
          <TextField
            id={idOf('username')}
            label="Brugernavn"
            hint="Små bogstaver, tal og . _ @ -. Samme brugernavn som i kommunens login, hvis brugeren skal logge ind med det."
            autoComplete="off"
            error={errors.username}
            value={username}
            onChange={setUsername}
          />
        )}
        <TextField id={idOf('display_name')} label="Navn" autoComplete="off" error={errors.display_name} value={name} onChange={setName} />
        {creating && (
          <TextField
            id={idOf('password')}
            label="Adgangskode (valgfri)"
            hint="Mindst 12 tegn. Lad feltet stå tomt, hvis brugeren kun skal logge ind med kommunens login."
            type="password"
            autoComplete="new-password"
            error={errors.password}
            value={password}
            onChange={setPassword}
          />
        )}
        <fieldset className="grants mt-6">
          <legend className="h3">Roller</legend>
          <p className="form-hint">
            En rolle gælder i én kommune. Rollen boligorganisation giver kun adgang til den valgte boligorganisation.
            {!creating && ' Roller i kommuner, du ikke er administrator for, vises ikke og ændres ikke.'}
          </p>
          {grants.length === 0 && <p>Brugeren har ingen roller og kan ikke se noget i Almen.</p>}
          {grants.map((g, i) => (
            <GrantRow
              key={g.key}
              index={i}
              grant={g}
              kommuneOptions={kommuneOptions}
              errors={errors}
              idOf={idOf}
              onChange={(next) => setGrants(grants.map((x) => (x.key === g.key ? next : x)))}
              onRemove={() => setGrants(grants.filter((x) => x.key !== g.key))}
            />
          ))}
          <button type="button" className="button button-secondary mt-4" onClick={addGrant}>
            <Icon name="plus" />
            Tilføj rolle
          </button>
        </fieldset>
        <div className="button-row mt-6">
          <button type="submit" className="button button-primary" disabled={busy}>
            {submitText}
          </button>
          <Link to="/brugere" className="button button-secondary">
            Tilbage til brugerne
          </Link>
        </div>
      </form>
    </>
  );
}

export function NewUserPage() {
  return (
    <Page title="Opret bruger" crumbs={[home, usersCrumb, { text: 'Opret bruger' }]}>
      <UserForm
        submitText="Opret bruger"
        save={async (body) => {
          const u = await postJson<User>('brugere', body);
          flashOn('/brugere', `Brugeren ${u.username} (${u.display_name}) er oprettet.`);
          navigate('/brugere');
        }}
      />
    </Page>
  );
}

/** A section's result: a success or an error, taking focus so it is heard. */
function useResult(): [ReactNode, (variant: 'success' | 'error', text: string) => void] {
  const ref = useRef<HTMLDivElement>(null);
  const [result, setResult] = useState<{ variant: 'success' | 'error'; text: string; n: number } | null>(null);
  useEffect(() => {
    if (result) ref.current?.focus();
  }, [result]);
  const node = (
    <div ref={ref} tabIndex={-1} className="focus-target">
      {result && (
        <Alert variant={result.variant} className="mb-5">
          {result.text}
        </Alert>
      )}
    </div>
  );
  return [node, (variant, text) => setResult((r) => ({ variant, text, n: (r?.n ?? 0) + 1 }))];
}

function NewPassword({ user, onSaved }: { user: User; onSaved: (u: User) => void }) {
  const uid = useId();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, show] = useResult();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = !password ? 'Skriv den nye adgangskode.' : password.length < 12 ? 'Adgangskoden skal have mindst 12 tegn.' : undefined;
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      onSaved(await patchJson<User>(`brugere/${user.id}`, { password }));
      setPassword('');
      show('success', `Den nye adgangskode er gemt. ${user.display_name} er logget ud alle steder og skal bruge den nye adgangskode.`);
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      if (f.password) setError(f.password);
      else show('error', (err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id={`${uid}-h`} title="Ny adgangskode">
      {result}
      <p>Giv brugeren en ny adgangskode, fx hvis den er glemt. En spærret konto låses op.</p>
      <form className="narrow-form" onSubmit={submit} noValidate aria-labelledby={`${uid}-h`}>
        <TextField
          id={`${uid}-pw`}
          label="Ny adgangskode"
          hint="Mindst 12 tegn og mindst 5 forskellige tegn; ikke brugernavnet."
          type="password"
          autoComplete="new-password"
          error={error}
          value={password}
          onChange={setPassword}
        />
        <button type="submit" className="button button-secondary mt-4" disabled={busy}>
          Gem ny adgangskode
        </button>
      </form>
    </Section>
  );
}

function Activation({ user, onSaved }: { user: User; onSaved: (u: User) => void }) {
  const uid = useId();
  const { state } = useAuth();
  const self = state.s === 'signedIn' && state.me.user?.id === user.id;
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, show] = useResult();
  const setActive = async (active: boolean) => {
    setBusy(true);
    try {
      onSaved(await patchJson<User>(`brugere/${user.id}`, { active }));
      show('success', active ? `${user.display_name} er aktiveret igen.` : `${user.display_name} er deaktiveret og kan ikke længere logge ind.`);
    } catch (err) {
      show('error', (err as ApiError).message);
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <Section id={`${uid}-h`} title={user.active ? 'Deaktivér brugeren' : 'Aktivér brugeren'}>
      {result}
      {self ? (
        <p>Du kan ikke deaktivere dig selv.</p>
      ) : user.active ? (
        <>
          <p>En deaktiveret bruger kan ikke logge ind og bliver logget ud alle steder. Brugeren og revisionssporet bevares.</p>
          <button type="button" className="button button-secondary" onClick={() => setAsking(true)}>
            <Icon name="person-remove" />
            Deaktivér brugeren
          </button>
        </>
      ) : (
        <>
          <p>Brugeren er deaktiveret og kan ikke logge ind.</p>
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => void setActive(true)}>
            <Icon name="how-to-reg" />
            Aktivér brugeren
          </button>
        </>
      )}
      <ConfirmDialog
        open={asking}
        title={`Deaktivér ${user.display_name}?`}
        confirmText="Deaktivér brugeren"
        busy={busy}
        onConfirm={() => void setActive(false)}
        onCancel={() => setAsking(false)}
      >
        <p>
          {user.display_name} ({user.username}) kan ikke længere logge ind og bliver logget ud alle steder. Du kan aktivere brugeren igen
          senere.
        </p>
      </ConfirmDialog>
    </Section>
  );
}

export function EditUserPage({ id }: { id: string }) {
  const { data, error, reload } = useApi<ListAnswer<User>>('brugere');
  const [saved, setSaved] = useState<User | null>(null);
  const [result, show] = useResult();
  const user = saved ?? data?.items.find((u) => String(u.id) === id);
  const title = user ? user.display_name : data ? 'Brugeren findes ikke' : 'Bruger';
  return (
    <Page title={title} crumbs={[home, usersCrumb, { text: title }]} lead={user && <>Brugernavn: {user.username}</>}>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} what="Brugeren" />
      ) : !data ? (
        <Loading text="Henter brugeren …" />
      ) : !user ? (
        <p>
          Der er ingen bruger med nummer {id} i dine kommuner. <Link to="/brugere">Gå til brugerne</Link>.
        </p>
      ) : (
        <>
          <p>
            <StatusBadge user={user} /> Logger ind med: {signInWith(user).toLowerCase()}.
          </p>
          <Section id="navn-og-roller" title="Navn og roller">
            {result}
            <UserForm
              key={user.id}
              user={user}
              submitText="Gem ændringer"
              save={async (body) => {
                setSaved(await patchJson<User>(`brugere/${user.id}`, { display_name: body.display_name, roles: body.roles }));
                show('success', 'Ændringerne er gemt.');
              }}
            />
          </Section>
          <NewPassword user={user} onSaved={setSaved} />
          <Activation user={user} onSaved={setSaved} />
        </>
      )}
    </Page>
  );
}
