import { describe, expect, it } from 'vitest';
import { roleNames as serverNames, roles as serverRoles } from '../../src/http/access.ts';
import { roleNames, roles } from './roles.ts';

describe('roles', () => {
  it('are the API’s roles with the same Danish names', () => {
    expect(roles).toEqual(serverRoles);
    expect(roleNames).toEqual(serverNames);
  });
});
