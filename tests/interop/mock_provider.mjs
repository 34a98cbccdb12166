// A real OpenID provider (npm oauth2-mock-server) that misbehaves on purpose, one way
// per run: the relying-party tests start it with a scenario name and expect a refusal.
import { OAuth2Server } from "oauth2-mock-server";

const [port, scenario = "ok"] = process.argv.slice(2);
const server = new OAuth2Server();
await server.issuer.keys.generate("RS256");
const service = server.service;
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");

const claimHooks = {
  "wrong-nonce": (p) => { if (p.nonce) p.nonce = "not-the-nonce"; },
  "missing-nonce": (p) => { delete p.nonce; },
  "wrong-audience": (p) => { p.aud = "someone-else"; },
  "missing-audience": (p) => { delete p.aud; },
  "missing-iat": (p) => { delete p.iat; },
  "missing-sub": (p) => { delete p.sub; },
  "expired": (p) => { p.iat = now() - 7200; p.exp = now() - 3600; },
  "wrong-issuer": (p) => { p.iss = "https://evil.example"; },
  "stale-auth-time": (p) => { p.auth_time = now() - 3600; },
};
if (claimHooks[scenario]) {
  service.on("beforeTokenSigning", (token) => claimHooks[scenario](token.payload));
}
if (scenario === "alg-none" || scenario === "bad-signature") {
  service.on("beforeResponse", (response) => {
    const [header, payload, signature] = response.body.id_token.split(".");
    if (scenario === "alg-none") {
      response.body.id_token = `${b64({ alg: "none", typ: "JWT" })}.${payload}.`;
    } else {
      const flipped = (signature[0] === "A" ? "B" : "A") + signature.slice(1);
      response.body.id_token = `${header}.${payload}.${flipped}`;
    }
  });
}
if (scenario === "userinfo-sub") {
  service.on("beforeUserinfo", (response) => { response.body.sub = "somebody-else"; });
}
service.on("beforeUserinfo", (response) => { response.body.name = response.body.name ?? "John Doe"; });

await server.start(Number(port), "127.0.0.1");
console.log(`ready ${server.issuer.url}`);
process.on("SIGTERM", async () => { await server.stop(); process.exit(0); });
