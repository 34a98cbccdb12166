// The certified oidc-provider from npm, configured only as an operator would configure
// any external provider for the center: one client, PKCE, its own login and consent.
import Provider from "oidc-provider";

const [port, redirectUri, clientId, clientSecret] = process.argv.slice(2);
const issuer = `http://localhost:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ["authorization_code"],
    response_types: ["code"],
  }],
  claims: { openid: ["sub"], profile: ["name", "nickname"], email: ["email", "email_verified"], phone: ["phone_number"] },
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, name: `Interop ${id}`, email: `${id}@interop.example`, email_verified: true }),
  }),
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ["interop-cookie-signing-key"] },
});
provider.listen(Number(port), "127.0.0.1", () => console.log(`ready ${issuer}`));
