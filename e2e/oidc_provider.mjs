// A real OpenID Connect provider on localhost for the login tests (the npm package oidc-provider).
//
//   PORT=5123 OIDC_TEST_CONFIG='{"client_id": ..., "client_secret": ..., "redirect_uris": [...], "users": {...}}' node e2e/oidc_provider.mjs
//
// One confidential client that must use PKCE, the users given (login name → claims, groups included),
// and the provider's own development login page (any password). Consent is taken as given for the
// client, as a municipality does for its own applications. Prints "READY <issuer>" when it listens.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const config = JSON.parse(process.env.OIDC_TEST_CONFIG);
const issuer = `http://127.0.0.1:${port}`;
const users = config.users;
const scopes = 'openid profile email';
const claims = ['sub', 'preferred_username', 'given_name', 'family_name', 'email', 'groups'];

const provider = new Provider(issuer, {
  clients: [{
    client_id: config.client_id,
    client_secret: config.client_secret,
    redirect_uris: config.redirect_uris,
    post_logout_redirect_uris: config.post_logout_redirect_uris || [],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  pkce: { required: () => true },
  claims: {
    openid: ['sub'],
    profile: ['preferred_username', 'given_name', 'family_name', 'groups'],
    email: ['email'],
  },
  // Put the profile claims (groups too) in the ID token, as Entra ID does; userinfo has them as Keycloak does.
  conformIdTokenClaims: false,
  findAccount: async (ctx, id) => (users[id] ? { accountId: id, claims: async () => ({ sub: id, ...users[id] }) } : undefined),
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(scopes);
    grant.addOIDCClaims(claims);
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['rummelig-test-only'] },
  ttl: { IdToken: 600, AccessToken: 600, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
});

const server = provider.listen(port, '127.0.0.1', () => console.log(`READY ${issuer}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
