import { useAuth } from '../auth.tsx';
import { listText } from '../format.ts';
import { abilities, roleName, type Ability } from '../roles.ts';
import { Link } from '../router.tsx';
import { Page } from './Page.tsx';

/** Shown instead of a page the user's roles do not allow (the API would answer 403 anyway). */
export function NoAccess({ need }: { need: Ability }) {
  const { state } = useAuth();
  const a = abilities[need];
  const title = `Du har ikke adgang til ${a.what}`;
  const mine = state.s === 'signedIn' ? [...new Set(state.me.roles.map((g) => roleName(g.role)))] : [];
  return (
    <Page title={title} crumbs={[{ text: 'Oversigt', to: '/' }, { text: 'Ingen adgang' }]}>
      <p>
        Siden kræver rollen {listText(a.roles.map((r) => roleName(r)), 'eller')}.{' '}
        {mine.length ? `Du har ${mine.length === 1 ? 'rollen' : 'rollerne'} ${listText(mine)}.` : 'Du har ingen roller i Almen.'}
      </p>
      <p>
        Kontakt kommunens administrator, hvis du skal have adgang. <Link to="/">Gå til forsiden</Link>.
      </p>
    </Page>
  );
}
